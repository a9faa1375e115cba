import { useTranslation } from 'react-i18next';
import { FaceIcon } from '../components/face-icon';

/** Logo: a smiling green face next to 环保脸谱 EnvFace (both names in either language, as on the official signage). */
export function BrandMark({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { t } = useTranslation();
  return (
    <span className={`brand brand--${tone}`}>
      <FaceIcon face="smile" colour="green" size={30} decorative />
      <span className="brand__name" lang="zh-CN">
        环保脸谱
      </span>
      <span className="brand__name-en" lang="en">
        EnvFace
      </span>
      <span className="visually-hidden">{t('app.tagline')}</span>
    </span>
  );
}

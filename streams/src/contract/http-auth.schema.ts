import { z } from 'zod';

/** POST /api/auth/login (api.md). */
export const loginRequestSchema = z
  .object({
    username: z.string().min(1).max(64).meta({ example: 'admin' }),
    password: z.string().min(1).max(256).meta({ example: 'secret' }),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z
  .object({ token: z.string().meta({ description: 'JWT (HS256, 12 h); send as Authorization: Bearer <token>' }) })
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

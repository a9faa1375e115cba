import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** OpenAPI description of the login body (validation is the zod schema above). */
export class LoginRequestDoc {
  @ApiProperty({ example: 'admin' }) username: string;
  @ApiProperty({ example: 'secret' }) password: string;
}

export class LoginResponseDoc {
  @ApiProperty({ description: 'JWT (HS256, 12 h); send as Authorization: Bearer <token>' }) token: string;
}

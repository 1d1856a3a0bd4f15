import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'verity:public';

/** Marks a route that needs no signed-in user or key. Every other route must declare a permission. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdentityService } from '../../../../libs/domain/src/identity/identity.service.js';
import type { Viewer } from '../../../../libs/domain/src/viewer.js';
import { CurrentViewer, Loaders, Public } from '../common/current-viewer.decorator.js';
import { RateLimits } from '../../../../libs/platform/src/rate-limit/rate-limits.js';
import type { GqlContext } from '../graphql/gql-context.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { SignInInput, SignUpInput } from './dto/auth.input.js';
import { AuthPayloadModel } from './models/auth-payload.model.js';
import { toUserModel, UserModel } from './models/user.model.js';
import { userLoader } from './user.loader.js';

@Resolver(() => UserModel)
export class IdentityResolver {
  constructor(
    private readonly identity: IdentityService,
    private readonly rateLimits: RateLimits,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel)
  async signUp(@Args('input') input: SignUpInput, @Context() context: GqlContext): Promise<AuthPayloadModel> {
    await this.rateLimits.consume('signUpAddress', context.clientAddress);
    const result = await this.identity.signUp(input);
    return { ...result, user: toUserModel(result.user, true) };
  }

  @Public()
  @Mutation(() => AuthPayloadModel)
  async signIn(@Args('input') input: SignInInput, @Context() context: GqlContext): Promise<AuthPayloadModel> {
    const account = typeof input.email === 'string' ? input.email.trim() : '';
    await this.rateLimits.consume('signInAddress', context.clientAddress);
    await this.rateLimits.consume('signInAccount', account);
    const result = await this.identity.signIn(input);
    await this.rateLimits.reset('signInAccount', account);
    return { ...result, user: toUserModel(result.user, true) };
  }

  @Public()
  @Mutation(() => AuthPayloadModel)
  async refreshToken(@Args('refreshToken') refreshToken: string): Promise<AuthPayloadModel> {
    const result = await this.identity.refresh(refreshToken);
    return { ...result, user: toUserModel(result.user, true) };
  }

  @Public()
  @Query(() => UserModel, { nullable: true })
  async me(@CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel | null> {
    if (!viewer.userId) return null;
    const user = await userLoader(loaders, this.identity).load(viewer.userId);
    return user ? toUserModel(user) : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Visible to the user themself and to platform admins only; null otherwise.' })
  email(@Parent() user: UserModel, @CurrentViewer() viewer: Viewer): string | null {
    return user.revealEmail || viewer.isAdmin || viewer.userId === user.id ? user.privateEmail : null;
  }
}

import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SuggestionReasonKind, type IdeaSuggestion, type SuggestionReason } from '#domain/sponsors/sponsors.service.js';
import { IdeaModel } from '../../ideas/models/idea.model.js';

registerEnumType(SuggestionReasonKind, {
  name: 'SuggestionReasonKind',
  valuesMap: {
    THEME: { description: "The idea's theme matches a theme the company cares about or follows." },
    DISTRICT: { description: "The team's school is in the company's district." },
    SECTOR: { description: "The idea's text speaks of a sector the company cares about." },
  },
});

@ObjectType('SuggestionReason', { description: 'Why an idea is suggested to a company.' })
export class SuggestionReasonModel {
  @Field(() => SuggestionReasonKind)
  kind!: SuggestionReasonKind;

  @Field({ description: "The company's theme, district or sector that matched." })
  interest!: string;

  @Field(() => String, { nullable: true, description: "What of the idea it met: its theme's name, its school's district; null for a sector (found in the idea's text)." })
  matched!: string | null;
}

@ObjectType('IdeaSuggestion', { description: "A published, not yet adopted idea ranked among a company's candidates." })
export class IdeaSuggestionModel {
  ideaId!: string;

  @Field(() => IdeaModel)
  idea?: IdeaModel;

  @Field(() => Int, { description: 'Theme match 3, district 2, each sector 1; higher first.' })
  score!: number;

  @Field(() => [SuggestionReasonModel])
  reasons!: SuggestionReasonModel[];
}

const toReason = (r: SuggestionReason): SuggestionReasonModel => ({ kind: r.kind, interest: r.interest, matched: r.matched });

export const toIdeaSuggestionModel = (s: IdeaSuggestion): IdeaSuggestionModel => ({ ideaId: s.ideaId, score: s.score, reasons: s.reasons.map(toReason) });

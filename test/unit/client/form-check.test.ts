import { describe, expect, it } from 'vitest';
import { checked, lengthLimit } from '../../../client/src/lib/form-check.ts';
import { ApiError } from '../../../client/src/lib/api.ts';
import { StoryImpact, StoryRequest } from '../../../shared/schemas/story.ts';
import { SuggestionRequest } from '../../../shared/schemas/suggestion.ts';
import { EmailSubscribeRequest } from '../../../shared/schemas/subscription.ts';
import { ReportRequest } from '../../../shared/schemas/report.ts';

describe("forms' limits, read from the shared schemas", () => {
  it.each([
    ['a story title', StoryRequest.shape.title, 'maxLength', 120],
    ['a story body (at least)', StoryRequest.shape.body, 'minLength', 40],
    ['a story body', StoryRequest.shape.body, 'maxLength', 5_000],
    ['a display name behind optional and a transform', StoryRequest.shape.displayName, 'maxLength', 40],
    ['what stopped', StoryImpact.shape.whatStopped, 'maxLength', 200],
    ['a suggested homepage behind a pipe', SuggestionRequest.shape.homepage, 'maxLength', 200],
    ['an email address', EmailSubscribeRequest.shape.email, 'maxLength', 254],
    ["a report's comment", ReportRequest.shape.comment, 'maxLength', 280],
  ] as const)('finds the limit of %s', (_what, schema, limit, expected) => {
    expect(lengthLimit(schema, limit)).toBe(expected);
  });

  it('passes a valid body through untouched, as it will be sent', () => {
    const body = { email: '  Ana@Example.com ' };
    expect(checked(EmailSubscribeRequest, body)).toBe(body);
  });

  it("throws the server's 400 for an invalid body, with the schema's messages by field", () => {
    let thrown: unknown;
    try {
      checked(StoryRequest, { kind: 'testimonial', title: 'Down', body: 'too short' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({
      status: 400,
      code: 'invalid_request',
      fields: { title: ['A title needs at least 5 characters'], body: ['A story needs at least 40 characters'] },
    });
  });
});

/**
 * What a person changes from their private link: the half-days they come, lunch and diets,
 * accessibility needs. Organisers edit a whole registration with the registration schema itself
 * (`walkInInputSchema`: the e-mail may stay empty for a walk-in), checked by the edit service.
 */
import { z } from 'zod';
import { accessibilitySchema, dietsSchema, safeText } from './registration.schema.ts';

export const ownNeedsSchema = z
	.object({
		halfDays: z.array(z.string().max(20), { error: 'errors.invalidType' }).max(40, { error: 'errors.tooManyItems' }),
		accessibility: accessibilitySchema,
		meal: z.boolean({ error: 'errors.invalidType' }).default(false),
		diets: dietsSchema,
		dietDetails: safeText(500, { required: false, multiline: true }).default(''),
		consents: z
			.object({ sensitive: z.boolean({ error: 'errors.invalidType' }).default(false) })
			.strict()
			.default({ sensitive: false })
	})
	.strict()
	.superRefine((v, ctx) => {
		const sensitive = v.accessibility.needs.length > 0 || v.accessibility.details !== '' || v.dietDetails !== '';
		if (sensitive && !v.consents.sensitive)
			ctx.addIssue({ code: 'custom', path: ['consents', 'sensitive'], message: 'registration.errors.sensitiveConsent' });
	})
	.meta({ id: 'RegistrationOwnNeeds' });

export type OwnNeedsInput = z.output<typeof ownNeedsSchema>;

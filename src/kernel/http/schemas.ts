import { Type } from '@sinclair/typebox';

/** The body of every JSON error. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Code stable, par exemple `directory.error.uai`.' }),
      message: Type.String({ description: 'Message en français, à montrer tel quel.' }),
      details: Type.Any({ description: 'Détails : champs en erreur, lignes de fichier…' }),
    }),
  },
  { $id: 'ErrorResponse' },
);

/** Standard error responses to list on a route. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
} as const;

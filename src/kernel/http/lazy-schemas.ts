/**
 * Route schemas are compiled when a route is first called instead of when the server starts.
 * Préau has several hundred routes; compiling every validator (Ajv) and serializer
 * (fast-json-stringify) up front took about 2.5 s of CPU per start, most of it for routes a given
 * instance may not see for hours — and every test file starts a server. The compilers are
 * Fastify's own, with the same options; only the moment changes. A schema that does not compile
 * therefore fails on its first call rather than at start: the OpenAPI fuzz test calls every route.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Validate = ((data: unknown) => unknown) & { errors?: unknown };

function lazyValidator(compile: () => Validate): Validate {
  let real: Validate | null = null;
  const validate: Validate = (data) => {
    real ??= compile();
    const result = real(data);
    // Fastify reads the errors from the function it was given.
    validate.errors = real.errors;
    return result;
  };
  return validate;
}

type ValidatorFactory = ReturnType<typeof AjvCompiler>;
type SerializerFactory = ReturnType<typeof SerializerSelector>;

export function lazySchemaController(): NonNullable<FastifyServerOptions['schemaController']> {
  const buildValidator = AjvCompiler() as ValidatorFactory;
  const buildSerializer = SerializerSelector();
  const lazyValidators = (...args: Parameters<ValidatorFactory>) => {
    const compile = buildValidator(...args) as unknown as (route: unknown) => Validate;
    return (route: unknown) => lazyValidator(() => compile(route));
  };
  const lazySerializers = (...args: Parameters<SerializerFactory>) => {
    const compile = buildSerializer(...args) as unknown as (route: unknown) => (data: unknown) => string;
    return (route: unknown) => {
      let real: ((data: unknown) => string) | null = null;
      return (data: unknown) => (real ??= compile(route))(data);
    };
  };
  // The wrappers take and give what Fastify's own factories do; the casts only drop Ajv's extra typing.
  return {
    compilersFactory: {
      buildValidator: lazyValidators as unknown as ValidatorFactory,
      buildSerializer: lazySerializers as unknown as SerializerFactory,
    },
  };
}

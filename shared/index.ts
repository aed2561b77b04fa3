export * from './schemas/problem.ts';
export * from './schemas/status.ts';
export * from './schemas/series.ts';
export * from './schemas/comment.ts';
export * from './schemas/report.ts';
export * from './schemas/service.ts';
export * from './schemas/error.ts';
export * from './events.ts';

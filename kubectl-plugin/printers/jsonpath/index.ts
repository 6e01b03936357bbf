export { JsonPathTemplate } from './evaluate-template.js';
export { goJson, goScalarText, goValueText } from './go-value-text.js';
export { relaxedPath } from './relaxed-path.js';
export { TemplateEvaluationError, TemplateSyntaxError } from './template-syntax.js';

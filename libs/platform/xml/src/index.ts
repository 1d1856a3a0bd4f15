export { XsdSchema, type XmlIssue, type XmlValidationResult } from './xsd.schema.js';

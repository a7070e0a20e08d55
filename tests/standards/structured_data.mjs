// Runs Adobe's structured-data validator over built pages, offline, in one Node process.
// Usage: node structured_data.mjs LIST.json [SCHEMAORG.jsonld[.gz]]
// LIST.json holds an array of HTML file paths; prints {path: [issue, …]} as JSON.
// The pages are read as Google reads them: WebAutoExtractor collects each page's
// JSON-LD (every node of an @graph), then the validator applies Google's rich-result
// rules per type and, given the vocabulary, schema.org's types and properties.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import WebAutoExtractor from '@marbec/web-auto-extractor';
import Validator from '@adobe/structured-data-validator';

const [listFile, schemaFile] = process.argv.slice(2);
const pages = JSON.parse(readFileSync(listFile, 'utf8'));
const read = (file) => (file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file));
const schema = schemaFile ? JSON.parse(read(schemaFile).toString('utf8')) : undefined;
const validator = new Validator(schema);
const extractor = new WebAutoExtractor({ addLocation: false, embedSource: false });
const report = {};
for (const page of pages) {
  const data = extractor.parse(readFileSync(page, 'utf8'));
  const issues = await validator.validate(data);
  report[page] = issues.map(({ severity, rootType, issueMessage, path, fieldNames }) => ({
    severity, rootType, issueMessage, path, fieldNames,
  }));
}
process.stdout.write(JSON.stringify(report));

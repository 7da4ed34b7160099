import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { dateTimeText, fixedText, percentText } from '../../analysis/stats-format';

/** Handlebars pages wrapped in one layout; partials come from templates/partials. Everything is escaped by default. */
export class Views {
  private readonly handlebars = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  /** `assetUrl`: the versioned URL of a browser file by name (see Assets). */
  constructor(
    private readonly dir: string,
    assetUrl: (name: string) => string = (name) => `/static/${name}`,
  ) {
    const hb = this.handlebars;
    hb.registerHelper('asset', (name: unknown) => assetUrl(String(name)));
    const partials = path.join(dir, 'partials');
    if (fs.existsSync(partials)) {
      for (const file of fs.readdirSync(partials).filter((name) => name.endsWith('.hbs'))) {
        hb.registerPartial(file.replace(/\.hbs$/, ''), fs.readFileSync(path.join(partials, file), 'utf8'));
      }
    }
    // Safe inside <script type="application/json">: "<" cannot close the element.
    hb.registerHelper(
      'json',
      (value: unknown) => new hb.SafeString(JSON.stringify(value ?? null).replace(/</g, '\\u003c')),
    );
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hb.registerHelper('fixed', (value: unknown, digits: unknown) => fixedText(value, Number(digits)));
    hb.registerHelper('dateTime', (value: unknown) => (typeof value === 'string' && value ? dateTimeText(value) : ''));
    hb.registerHelper('dateInput', (value: unknown) => (typeof value === 'string' && value ? value.slice(0, 10) : ''));
    hb.registerHelper('percent', (value: unknown) => percentText(value));
    this.layout = this.compile('layout');
  }

  page(name: string, context: Record<string, unknown>): string {
    let template = this.pages.get(name);
    if (!template) {
      template = this.compile(name);
      this.pages.set(name, template);
    }
    return this.layout({ ...context, body: new this.handlebars.SafeString(template(context)) });
  }

  private compile(name: string): Handlebars.TemplateDelegate {
    return this.handlebars.compile(fs.readFileSync(path.join(this.dir, `${name}.hbs`), 'utf8'), { strict: false });
  }
}

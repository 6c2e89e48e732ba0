import { htmlToText } from './text';

describe('htmlToText', () => {
  it('keeps ampersands and angle brackets as text, once', () => {
    expect(htmlToText('Business & Economy')).toBe('Business & Economy');
    expect(htmlToText('AT&amp;T <b>profits</b> rise 5 &lt; 6')).toBe('AT&T profits rise 5 < 6');
  });

  it('drops scripts with their contents and collapses whitespace', () => {
    expect(htmlToText('Hostile  <script>alert(1)</script>\n headline')).toBe('Hostile headline');
  });
});

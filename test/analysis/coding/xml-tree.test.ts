import { childNamed, childrenNamed, parseXml } from '../../../analysis/coding/xml-tree';

describe('parseXml', () => {
  test('when a document has namespaces, attributes, CDATA and references, then the tree has local names and decoded text', () => {
    const root = parseXml(
      '<?xml version="1.0"?><p:Project xmlns:p="urn:QDA-XML:project:1.0" xmlns="urn:x" name="A &amp; B">' +
        '<p:Sources><Text guid="1">caf&#233; <![CDATA[<raw> & text]]></Text><Text guid="2"/></p:Sources></p:Project>',
    );
    expect(root.name).toBe('Project');
    expect(root.attributes).toEqual({ name: 'A & B' });
    const sources = childNamed(root, 'Sources')!;
    const texts = childrenNamed(sources, 'Text');
    expect(texts.map((text) => text.attributes.guid)).toEqual(['1', '2']);
    expect(texts[0]!.text).toBe('café <raw> & text');
    expect(texts[1]!.text).toBe('');
    expect(childNamed(root, 'Missing')).toBeUndefined();
  });

  test('when an element has children, then its own text leaves theirs out', () => {
    const root = parseXml('<a>one<b>two</b>three</a>');
    expect(root.text).toBe('onethree');
    expect(root.children[0]!.text).toBe('two');
  });

  test.each([
    ['a tag left open', '<a><b></a>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['an unbound prefix', '<x:a/>'],
    ['two root elements', '<a/><b/>'],
  ])('when the file has %s, then it is refused with the line and column', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(/\d+:\d+/);
  });

  test.each(['', '<?xml version="1.0"?>'])('when the file %p holds no element, then it is refused saying so', (xml) => {
    expect(() => parseXml(xml)).toThrow(/root element/);
  });
});

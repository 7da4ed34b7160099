import { Model } from 'survey-core';
const m = new Model({ elements: [
 { type: 'matrix', name: 'm', columns: [{value:1,text:'SD'},{value:2,text:'D'},3,4,5], rows: [{value:'r1',text:'Row one'},'r2'] },
 { type: 'matrixdropdown', name: 'md', columns: [{name:'c1', cellType:'dropdown', choices:[1,2,3]},{name:'c2', cellType:'text'}], rows: ['a','b'] },
 { type: 'matrixdynamic', name: 'mdyn', columns: [{name:'x', cellType:'text', inputType:'number'}, {name:'y', cellType: 'radiogroup', choices:['p','q']}] },
 { type: 'paneldynamic', name: 'pd', templateElements: [{type:'text', name:'who'}, {type:'rating', name:'score'}] },
 { type: 'multipletext', name: 'mt', items: [{name:'first'}, {name:'age', inputType:'number'}] },
 { type: 'ranking', name: 'rk', choices: ['a','b','c'] },
 { type: 'signaturepad', name: 'sig' }, { type: 'file', name: 'f' }, { type: 'expression', name: 'e', expression: '1+1' },
 { type: 'rating', name: 'nps', rateMin: 0, rateMax: 10 },
 { type: 'radiogroup', name: 'o', choices: ['a','b'], showOtherItem: true },
 { type: 'imagepicker', name: 'ip', choices: [{value:'x', imageLink:'data:,'}] },
 { type: 'slider', name: 'sl' },
]});
for (const q of m.getAllQuestions(false)) {
  const a: any = q;
  console.log(q.getType(), q.name, a.rows?.map((r: any) => [r.value, r.text]), a.columns?.map((c: any) => [c.name ?? c.value, c.text ?? c.title, c.cellType, c.templateQuestion?.getType?.(), c.choices?.length]), a.templateElements?.map((e: any) => e.getType() + ':' + e.name), a.items?.map((i: any) => i.name + ':' + i.inputType), a.visibleRateValues?.length);
}

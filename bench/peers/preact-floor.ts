// The floor for rendering with Preact: h and render, one element. render.js cannot weigh less.
import { h, render } from 'preact';

render(h('p', null, 'Hello'), document.body);

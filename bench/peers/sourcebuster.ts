// sourcebuster on a page, as its README starts it: records where the visitor came from (cookies).
import sbjs from 'sourcebuster';

sbjs.init();

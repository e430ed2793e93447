// Node's phone metadata for the Worker code the scripts run (the forms check's countries): the
// package's own file, where the Worker fetches the build's copy of it from its static assets
// (edge/phone-metadata.ts). Imported for this effect, before any edge code reads a phone or a country.
import max from 'libphonenumber-js/metadata.max.json';
import { usePhoneMetadata } from '../edge/phone-metadata.ts';

usePhoneMetadata(max);

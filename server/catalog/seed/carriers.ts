import type { ServiceInput } from '../../../shared/index.ts';
import { kinds, site } from './seed-helpers.ts';

const C = 'Mobile carriers & ISPs';
const carrier = (slug: string, name: string, url: string, aliases?: string[]) =>
  site(slug, name, url, C, kinds.carrier, aliases ? { aliases } : {});
const isp = (slug: string, name: string, url: string, aliases?: string[]) =>
  site(slug, name, url, C, kinds.isp, aliases ? { aliases } : {});

export const carrierServices: ServiceInput[] = [
  carrier('verizon', 'Verizon', 'https://www.verizon.com/', ['vzw', 'fios']),
  carrier('att', 'AT&T', 'https://www.att.com/', ['at&t', 'att wireless']),
  carrier('t-mobile', 'T-Mobile', 'https://www.t-mobile.com/', ['tmobile', 'tmo']),
  isp('xfinity', 'Comcast Xfinity', 'https://www.xfinity.com/', ['comcast', 'xfinity']),
  isp('spectrum', 'Spectrum', 'https://www.spectrum.com/', ['charter']),
  isp('cox', 'Cox', 'https://www.cox.com/'),
  carrier('vodafone', 'Vodafone', 'https://www.vodafone.com/'),
  carrier('ee', 'EE', 'https://ee.co.uk/', ['everything everywhere']),
  carrier('o2', 'O2', 'https://www.o2.co.uk/', ['virgin media o2']),
  carrier('three', 'Three', 'https://www.three.co.uk/', ['3']),
  isp('virgin-media', 'Virgin Media', 'https://www.virginmedia.com/'),
  isp('bt', 'BT', 'https://www.bt.com/', ['british telecom', 'bt broadband']),
  isp('sky-broadband', 'Sky Broadband', 'https://www.sky.com/', ['sky']),
  carrier('orange', 'Orange', 'https://www.orange.com/'),
  carrier('deutsche-telekom', 'Deutsche Telekom', 'https://www.telekom.de/', ['telekom', 'dt']),
  isp('starlink', 'Starlink', 'https://www.starlink.com/', ['spacex']),
];

import { siteData } from '../../lib/site-data.mjs';

export default () => siteData();

// How every test run starts Firefox: Debian's Firefox ESR (nothing downloads a browser),
// driven by puppeteer-core over WebDriver BiDi, with preferences that keep it from calling
// Mozilla's services, which this machine cannot reach.
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

// Puppeteer already turns off updates, safe browsing, health reports and the new-tab feeds
// (its defaultProfilePreferences); these close what is left.
export const firefoxPrefs = {
  // Every connection that is not to this machine goes to a proxy on a closed loopback
  // port, so it fails at once instead of leaving the machine — the counterpart of
  // Chromium's --host-resolver-rules. Pages and fetches to 127.0.0.1/localhost are direct.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.archive.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'app.normandy.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.topsites.contile.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'identity.fxaccounts.enabled': false,
  'media.gmp-manager.url': '',
  'media.gmp-gmpopenh264.enabled': false,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
};

# Varnish in front of `newsdesk serve`: the reference production stack (deploy/README.md).
#
# Contract with Newsdesk (newsdesk/delivery):
# - reader pages carry `Cache-Control: public, max-age=..., stale-while-revalidate=...,
#   stale-if-error=...` and `xkey: story-12 section-3 front` (space-separated keys);
# - a change is purged with `PURGE /` and the header `xkey-purge: story-12 front`, answered 200
#   with the number of pages purged (header `xkey-purged`); a PURGE without that header purges
#   its own URL (Wagtail's frontend cache, which purges by URL).
#
# Varnish 7.1 and the xkey module are Debian's: apt-get install varnish varnish-modules.
vcl 4.1;

import std;
import xkey;

# `newsdesk serve --host 127.0.0.1 --port 8000 --workers N`. Several machines: one backend each
# and a round-robin director (vmod_directors).
backend newsdesk {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # A sick backend is not asked: pages are served stale (up to stale-if-error) instead.
    # /healthz answers 200 while the process and its database do; "/" answers a 302 to the
    # reader's edition, which a probe counts as a failure.
    .probe = {
        .url = "/healthz";
        .timeout = 2s;
        .interval = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may PURGE and BAN: Newsdesk's processes on this machine. Add the app machines' addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        # A request relayed by the TLS terminator comes from loopback too: it carries
        # X-Forwarded-Proto, which Newsdesk's purges never do (and nginx refuses these methods).
        if (client.ip !~ purgers || req.http.X-Forwarded-Proto) {
            return (synth(403, "Forbidden"));
        }
        if (req.method == "BAN") {
            # BAN /section/ drops every page whose path starts with the URL's path.
            ban("obj.http.x-url ~ ^" + regsub(req.url, "\?.*$", ""));
            return (synth(200, "Banned"));
        }
        if (req.http.xkey-purge) {
            # Soft: the pages stay in grace, so the next reader of a purged page gets it at
            # once while one background fetch renders it again, and a backend that is down
            # still has something to show. Freshness costs one render, not a stampede.
            set req.http.xkey-purged = xkey.softpurge(req.http.xkey-purge);
            return (synth(200, "Invalidated " + req.http.xkey-purged + " objects"));
        }
        return (purge);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # Comment and reaction POSTs, admin forms: never cached, cookies kept.
        return (pass);
    }
    # The admin, the moderators' pages, the discussion endpoints, and anyone signed in (staff)
    # go to Newsdesk with their cookies and are never cached.
    if (req.url ~ "^/(admin|moderation|discussion)(/|$)" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Credentials of any other kind are personal too.
    if (req.http.Authorization) {
        return (pass);
    }
    # Every other GET is an anonymous reader's: no cookie reaches Newsdesk, so the page is
    # the same for everyone and may be shared.
    unset req.http.Cookie;
    # Fewer variants under `Vary: Accept-Language`: only the site's languages.
    if (req.http.Accept-Language ~ "^\s*ru") {
        set req.http.Accept-Language = "ru";
    } elsif (req.http.Accept-Language ~ "^\s*fr") {
        set req.http.Accept-Language = "fr";
    } else {
        set req.http.Accept-Language = "en";
    }
    if (req.restarts > 0) {
        # Back from vcl_hit: the stale copy was too old to serve while the backend is up.
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hit {
    # Past its stale-while-revalidate window, a stale page is served only while the backend is
    # sick (stale-if-error); a healthy backend renders it now (one request, others wait).
    if (obj.ttl <= 0s && obj.ttl + std.duration(obj.http.x-swr, 0s) < 0s && std.healthy(req.backend_hint)) {
        return (restart);
    }
}

sub vcl_backend_response {
    set beresp.http.x-url = bereq.url;
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Newsdesk marks what may be cached; a page that says nothing is not.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Anonymous reader pages: a cookie set here would be handed to every reader.
    unset beresp.http.Set-Cookie;
    # Grace is first the page's stale-while-revalidate (none: none, not Varnish's default 10 s),
    # kept in x-swr; then stretched to stale-if-error, served only while the backend is sick
    # (vcl_hit).
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s);
    } else {
        set beresp.grace = 0s;
    }
    set beresp.http.x-swr = beresp.grace + "s";
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), beresp.grace);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Internal: the keys and the bookkeeping are Varnish's business, not the reader's.
    unset resp.http.xkey;
    unset resp.http.x-url;
    unset resp.http.x-swr;
}

sub vcl_synth {
    if (req.http.xkey-purged) {
        set resp.http.xkey-purged = req.http.xkey-purged;
    }
}

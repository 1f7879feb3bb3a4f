# Bench-only VCL, used by bench/serving when deploy/varnish/newsdesk.vcl is not in the tree and no
# --vcl is given. It honours delivery's contract (docs/apps/delivery.md): pages carry
# `xkey: k1 k2`; `PURGE /` with `xkey-purge: k1 k2` drops them. Not the production VCL.
vcl 4.1;

import xkey;

backend newsdesk {
    .host = "127.0.0.1";
    .port = "8000";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip != "127.0.0.1") {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n = xkey.softpurge(req.http.xkey-purge);
            return (synth(200, "Invalidated " + req.http.n));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|moderation|discussion)(/|$)" || req.http.Cookie ~ "sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    set req.http.Accept-Language = "en";
    return (hash);
}

sub vcl_backend_response {
    if (!beresp.http.Cache-Control) {
        set beresp.uncacheable = true;
        return (deliver);
    }
    unset beresp.http.Set-Cookie;
    set beresp.grace = 30s;
}

sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
    unset resp.http.xkey;
}

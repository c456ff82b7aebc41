package dev.sgrevoker.report.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The head every page shares: one inline style sheet (no font, script or image from anywhere) and a Content Security
 * Policy that allows that style sheet alone, by its hash. The policy is a second wall: values are escaped
 * ({@link Html}), and were one not, the browser would still run no script and load nothing.
 */
final class PageStyle {
    static final String CSS = """
            :root{color-scheme:light;--ink:#1d2430;--muted:#5a6473;--line:#d8dde5;--bg:#f6f7f9;--card:#fff;\
            --dry:#8a5a00;--dry-bg:#fff3d6;--rev:#0d6b3a;--rev-bg:#dcf5e6;--ex:#2f4f8f;--ex-bg:#e3ebfb;\
            --bad:#a4161a;--bad-bg:#fde2e1;--skip:#7a4300;--skip-bg:#fde8d2;--gone:#4b5563;--gone-bg:#eceff3}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",\
            Roboto,"Noto Sans",Arial,sans-serif}
            header,main,footer{max-width:78rem;margin:0 auto;padding:0 1rem}
            header{padding-top:1.25rem}
            h1{font-size:1.5rem;margin:0 0 .25rem}
            h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
            h3{font-size:1.05rem;margin:0 0 .3rem;overflow-wrap:anywhere}
            p{margin:.4rem 0}
            .lead{font-size:1.08rem}
            .muted,.meta{color:var(--muted)}
            .meta{font-size:.9rem}
            code,pre,.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;\
            font-size:.88em}
            pre{background:#101820;color:#e8edf3;padding:.75rem 1rem;border-radius:6px;white-space:pre-wrap;\
            overflow-wrap:anywhere;margin:.5rem 0}
            .v,dd,h3 span{unicode-bidi:isolate;overflow-wrap:anywhere}
            td{overflow-wrap:break-word}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.6rem 0}
            dl.facts dt{color:var(--muted)}
            dl.facts dd{margin:0}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.25rem,1fr));gap:.6rem;margin:.8rem 0}
            .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem}
            .card b{display:block;font-size:1.6rem;line-height:1.2}
            .card span{color:var(--muted);font-size:.88rem}
            .note{background:#fff8e1;border-left:4px solid #e0a800;padding:.5rem .8rem;border-radius:4px;margin:.6rem 0}
            .warn{background:var(--bad-bg);border-left:4px solid var(--bad);padding:.5rem .8rem;border-radius:4px}
            .table{overflow-x:auto}
            table{border-collapse:collapse;width:100%;background:var(--card);font-size:.92rem}
            th,td{text-align:left;vertical-align:top;padding:.4rem .55rem;border-bottom:1px solid var(--line)}
            th{background:#eef1f5;font-weight:600;white-space:nowrap}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .group{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;\
            margin:0 0 1rem}
            .group table{border:1px solid var(--line)}
            .use{padding:.35rem .6rem;border-radius:4px;margin:.5rem 0}
            .used{background:#eef4ff}.unused{background:var(--rev-bg)}.shared{background:var(--dry-bg)}
            .unknown{background:#eceff3}
            .badge{display:inline-block;padding:.05rem .45rem;border-radius:999px;font-size:.82rem;font-weight:600;\
            white-space:nowrap}
            .o-dry{color:var(--dry);background:var(--dry-bg)}.o-revoked{color:var(--rev);background:var(--rev-bg)}
            .o-exempt{color:var(--ex);background:var(--ex-bg)}.o-failed{color:var(--bad);background:var(--bad-bg)}
            .o-skipped{color:var(--skip);background:var(--skip-bg)}.o-gone,.o-other{color:var(--gone);\
            background:var(--gone-bg)}.o-plan{color:var(--dry);background:var(--dry-bg)}
            ul.because{margin:0;padding-left:1.1rem}
            .tag{display:block}
            p.sub{font-weight:600;margin:.8rem 0 .3rem}
            table.counts{width:auto;min-width:min(100%,36rem)}
            table.counts th{white-space:normal}
            @media (min-width:701px){td.nw{white-space:nowrap;overflow-wrap:normal}td.text{min-width:11rem}td.tags{min-width:8rem}td.from{min-width:8rem}}
            footer{padding:2rem 1rem 3rem;color:var(--muted);font-size:.85rem}
            @media (max-width:700px){
            body{font-size:14px}
            h1{font-size:1.25rem}
            .cards{grid-template-columns:repeat(3,minmax(0,1fr));gap:.4rem}
            .card{padding:.45rem .55rem}
            .card b{font-size:1.3rem}
            .card span{font-size:.8rem}
            dl.facts{grid-template-columns:max-content minmax(0,1fr)}
            table.rows,table.rows tbody,table.rows tr,table.rows td{display:block;width:100%}
            table.rows thead{display:none}
            table.rows tr{border-bottom:2px solid var(--line);padding:.3rem 0}
            table.rows td{border:0;padding:.2rem .5rem;display:grid;grid-template-columns:6.5rem minmax(0,1fr);\
            gap:.5rem}
            table.rows td::before{content:attr(data-label);color:var(--muted);font-weight:600}
            table.rows td:empty{display:none}
            table.rows td.n{text-align:left}
            table.counts{font-size:.85rem}
            table.counts th,table.counts td{padding:.35rem .3rem}
            .group{padding:.6rem .6rem}
            }
            """;

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src '" + sha256(CSS) + "'; img-src 'none'; base-uri 'none'; form-action 'none'";

    private PageStyle() {}

    /** Everything up to and including {@code <body>}. */
    static void head(Html out, String title) {
        out.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CONTENT_SECURITY_POLICY + "\">\n")
                .raw("<meta name=\"referrer\" content=\"no-referrer\">\n<title>")
                .text(title)
                .raw("</title>\n<style>")
                .raw(CSS)
                .raw("</style>\n</head>\n<body>\n");
    }

    static void foot(Html out, String words) {
        out.raw("<footer>").text(words).raw("</footer>\n</body>\n</html>\n");
    }

    private static String sha256(String css) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

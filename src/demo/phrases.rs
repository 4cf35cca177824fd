//! Phrase banks and the composer that turns a post spec (source, topic, tone, brands) into varied,
//! realistic text for the demo corpus; every brand word comes from a `{b}`/`{c}` slot, so a text
//! names exactly the brands its spec lists.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::model::{DemoSource, BRANDS};

/// Topic labels, indexed by the topic numbers the generator uses.
pub(super) const TOPICS: [&str; 10] = [
    "pricing",
    "outage",
    "support",
    "launch",
    "security",
    "performance",
    "integrations",
    "mobile_app",
    "billing",
    "feature_request",
];
/// Index of `outage` in [`TOPICS`].
pub(super) const OUTAGE: usize = 1;
/// Index of `launch` in [`TOPICS`].
pub(super) const LAUNCH: usize = 3;

/// How a brand name is written: as named, in lower case (`lumora`) or shouted (`LUMORA`).
#[derive(Debug, Clone, Copy)]
enum Case {
    Name,
    Lower,
    Upper,
}

/// The tone a post is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tone {
    /// Praise.
    Positive,
    /// Complaint.
    Negative,
    /// A question, announcement or plain statement.
    Neutral,
    /// A positive and a negative clause joined by "but".
    Mixed,
}

type Bank = &'static [&'static str];

/// Bare feature nouns per topic, used as `{b} {f}` or `the {f}`.
const FEATURES: [Bank; 10] = [
    &["teams plan", "free tier", "pro plan", "annual plan", "starter plan", "business plan"],
    &["sync", "web app", "login", "API", "search", "desktop app", "file upload"],
    &["live chat", "support portal", "help center", "ticket queue", "community forum"],
    &["editor", "offline mode", "sidebar", "shared workspaces", "timeline view", "template gallery"],
    &["SSO", "2FA", "audit log", "encryption at rest", "SAML login", "admin console"],
    &["search", "sync", "startup time", "editor", "page load", "desktop app"],
    &["Slack integration", "GitHub integration", "Zapier connector", "calendar sync", "webhook delivery", "REST API"],
    &["iOS app", "Android app", "home screen widget", "mobile editor", "notification center", "tablet layout"],
    &["invoice", "renewal", "seat billing", "refund", "payment page", "card update"],
    &[
        "dark mode",
        "nested tags",
        "Linux support",
        "keyboard shortcuts",
        "markdown export",
        "recurring tasks",
        "version history",
    ],
];
/// Features of the planted Lumora 3.0 launch.
const SURGE_FEATURES: Bank = &["AI search", "new AI search", "semantic search", "AI summaries"];

/// Main clauses per topic and tone (positive, negative, neutral); each names the brand via `{b}`.
pub(super) const CLAUSES: [[Bank; 3]; 10] = [
    [
        &[
            "{b}'s free tier is {i} generous for a team of {n}",
            "honestly {b} is worth every cent of the ${p} a month",
            "{b} cut the price of the {f} and I'm here for it",
            "paying for {b} is the best ${p} I spend each month",
            "{b} gave us a nonprofit discount without any back and forth",
        ],
        &[
            "{b} just raised the price of the {f} to ${p} per seat",
            "${p} a month for {b} is {i} hard to justify",
            "{b} pricing is not great for small teams",
            "{b} moved the {f} behind a paywall, classic bait and switch",
            "another price hike from {b}, the second one this year",
            "not paying ${p}/seat for {b} when half the features are missing",
        ],
        &[
            "does {b} still offer a student discount on the {f}?",
            "{b} changed the {f} pricing, new rate is ${p} per user per month",
            "comparing plans: {b} charges ${p}/seat for the {f}",
            "is the {b} {f} billed monthly or only yearly?",
        ],
    ],
    [
        &[
            "{b} is back up, thanks for the quick fix {h}",
            "props to {b}, the postmortem on the {f} outage was {i} transparent",
            "{b} fixed the {f} issue within {n} minutes, impressive",
            "{b} {f} is working again and nothing was lost",
        ],
        &[
            "{b} is down again",
            "{b} {f} has been broken for {n} hours and the status page says everything is fine",
            "lost my work because {b} {f} went down mid-edit",
            "is {b} down for everyone or just me? The {f} won't load",
            "third {b} outage this month, {i} frustrating",
            "the {b} status page is a joke, the {f} is clearly not operational",
            "{b} ate my notes during the outage and support is silent",
            "can't log in to {b} AGAIN",
            "{b} has been down since {d}, whole team is blocked",
        ],
        &[
            "{b} status page reports degraded performance for the {f}",
            "seeing 503s from the {b} {f} since {d}",
            "anyone else getting timeouts on {b} {f}?",
            "{b} says the {f} incident is being investigated",
        ],
    ],
    [
        &[
            "{b} support answered in {n} minutes and actually solved it",
            "shoutout to {h} from the {b} team for sorting out my account",
            "{b} support is {i} good, a real human replied on a Sunday",
            "the {b} {f} folks went above and beyond today",
        ],
        &[
            "{b} support has ignored my ticket for {n} days",
            "opened {n} tickets with {b} and got the same canned reply every time",
            "{b} support is not helpful at all, they just close tickets",
            "waiting on {b} support since {d}, still nothing",
            "the {b} {f} is a maze of bots and dead links",
        ],
        &[
            "what's the fastest way to reach {b} support about a locked account?",
            "does {b} offer phone support on the business plan?",
            "{b} moved support from email to the {f}",
            "{b} says {f} replies now take up to {n} hours",
        ],
    ],
    [
        &[
            "{b} {v} is out and the {f} is {i} good",
            "just tried the {f} in {b} {v}, this changes how I work",
            "the new {f} in {b} is exactly what I wanted",
            "{b} shipped the {f} and it's fast",
            "{b} {v} finally feels like a modern app",
        ],
        &[
            "the {b} {v} redesign moved everything around, not a fan",
            "the {f} in the new {b} release feels half-baked",
            "updated to {b} {v} and my saved filters are gone",
            "{b} {v} broke my workflow, not great",
        ],
        &[
            "{b} {v} adds the {f} and a new sidebar",
            "has anyone tried the {f} in {b} {v} yet?",
            "{b} announced the {f}, rolling out to all plans this month",
            "{b} {v} changelog is up, the {f} is the headline item",
        ],
    ],
    [
        &[
            "glad {b} finally supports {f}, our IT team is happy",
            "{b} published a clear security whitepaper, the {f} setup looks solid",
            "{b} patched the {f} issue within a day, good response",
            "setting up {f} in {b} took {n} minutes",
        ],
        &[
            "{b} still has no {f}, hard to get past our security review",
            "{b} emailed about a security incident involving the {f}, not great",
            "{b} stored {f} secrets in plain text, that is {i} worrying",
            "the {b} {f} is not fit for a regulated company",
        ],
        &[
            "does {b} support {f} on the business plan?",
            "{b} security advisory mentions the {f}, a patch is available",
            "checking whether {b} is SOC 2 compliant before we roll it out",
            "how does {b} handle {f} for guest accounts?",
        ],
    ],
    [
        &[
            "{b} {f} is {i} fast now",
            "after the update {b} feels snappy, {f} is instant",
            "{b} handles our {k}k-page workspace without breaking a sweat",
            "the {b} {f} got {n}x faster in the last release",
        ],
        &[
            "{b} {f} is {i} slow with anything over {k} pages",
            "{b} eats {n}GB of RAM just sitting in the background",
            "{f} in {b} takes {n} seconds, not acceptable",
            "{b} got slower with every release this year",
        ],
        &[
            "any tips to speed up {f} in {b}?",
            "benchmarked {f} in {b}: {k}ms median on a cold start",
            "is {b} {f} slower on Windows or is it just me?",
        ],
    ],
    [
        &[
            "{b} and the {f} work {i} well together",
            "hooked up the {f} to {b} in {n} minutes, works great",
            "the {b} {f} saves me an hour a day",
            "{b} {f} just works, zero config",
        ],
        &[
            "the {f} in {b} keeps dropping events",
            "{b} broke the {f} again with the last update",
            "the {b} {f} is not reliable, we had to build our own sync",
            "{b} {f} silently stopped syncing {d}",
        ],
        &[
            "is there a way to trigger the {f} from {b} on new items?",
            "{b} docs for the {f} mention a limit of {k} requests per minute",
            "does the {b} {f} support custom fields?",
        ],
    ],
    [
        &[
            "the {b} {f} update is {i} nice, finally usable on the train",
            "loving the {b} {f}, quick capture is perfect",
            "{b} {f} is the best mobile note experience I've had",
        ],
        &[
            "the {b} {f} crashes every time I open a shared page",
            "{b} {f} is not great, sync takes forever",
            "the {b} {f} logged me out again",
            "{b} {f} drains my battery like crazy",
        ],
        &[
            "does the {b} {f} support offline editing?",
            "{b} {f} update {v} is rolling out in the store",
            "where did the share button go in the {b} {f}?",
        ],
    ],
    [
        &[
            "{b} refunded a double charge without any fuss",
            "{b} billing is straightforward, one {f} per month",
            "the {b} {f} flow is {i} painless",
        ],
        &[
            "{b} charged me twice this month",
            "{b} keeps billing me after I cancelled",
            "no way to get a proper {f} out of {b} for my accountant",
            "{b} charged us for {n} seats we never used",
            "the {b} {f} failed and they locked our workspace",
        ],
        &[
            "how do I change the billing email on {b}?",
            "{b} now bills in EUR for European customers",
            "is the {b} {f} prorated when you add seats mid-cycle?",
        ],
    ],
    [
        &[
            "{b} added {f} after we asked on the forum, love that they listen",
            "voted for {f} on the {b} roadmap and it shipped",
            "{b} shipping {f} made my week",
        ],
        &[
            "still waiting for {f} in {b}, it's been requested for years",
            "{b} ignores the most upvoted request ({f}) again",
            "no {f} in {b} in this day and age? come on",
        ],
        &[
            "feature request: {f} in {b}",
            "would love to see {f} in {b}",
            "is {f} on the {b} roadmap?",
            "{b} team, any ETA on {f}?",
        ],
    ],
];

/// Clauses naming two brands, per tone (positive, negative, neutral) of the first brand `{b}`.
pub(super) const VERSUS: [Bank; 3] = [
    &[
        "switched from {c} to {b} last month and not looking back",
        "{b} is way faster than {c} for this",
        "{b} beats {c} on price and polish",
        "migrating our team from {c} to {b}, {n} workspaces to go",
        "tried {c} for a week, back on {b}",
    ],
    &[
        "thinking of switching from {b} to {c}",
        "moved back to {c} after {b} kept breaking",
        "{b} makes me miss {c}",
        "{c} does this better and costs less than {b}",
        "{b} is down so I'm trying {c} today",
    ],
    &[
        "{b} vs {c}: which one for a team of {n}?",
        "anyone compared {b} and {c} for this?",
        "{c} does it differently than {b}, curious which is right",
        "we run {b} and {c} side by side for now",
    ],
];

/// Openers for opinions (positive, negative, mixed) and for neutral posts.
const OPENERS: [Bank; 2] = [
    &["honestly, ", "hot take: ", "not gonna lie, ", "ok so ", "update: ", "day {n} of using {b}: "],
    &["quick one: ", "FYI ", "PSA: ", "TIL ", "question: "],
];
const CLOSERS: [Bank; 3] = [
    &[
        "Highly recommend.",
        "Great work {h}!",
        "Kudos to the team.",
        "More of this please.",
        "Would pay for this again.",
    ],
    &[
        "Seriously considering alternatives.",
        "Not renewing.",
        "Fix it please.",
        "This is getting old.",
        "Unacceptable for a paid product.",
    ],
    &["Any ideas?", "Thoughts?", "Curious what others see.", "More details here: {u}", "Will report back."],
];
const HN_DETAILS: Bank = &[
    "We run it for {n} people at work.",
    "I've been a paying customer for {n} months.",
    "Our whole onboarding docs live there.",
    "For context, we evaluated it against three other tools last quarter.",
    "The desktop client is Electron, which explains a lot.",
    "Relevant link: {u}",
    "I say this as someone who wrote a sync engine once.",
];
const EMOJI: [Bank; 4] = [
    &["🚀", "🙏", "👍", "🔥", "🎉", "✨", "❤️"],
    &["😡", "💸", "😤", "🙄", "😩", "🤦", "👎"],
    &["🤔", "👀", "📝", "🧐"],
    &["😂", "🤷", "😅"],
];
const TAGS: Bank = &["#productivity", "#saas", "#devops", "#notes", "#remotework", "#pkm", "#webdev", "#opensource"];
const INTENSIFIERS: Bank = &["really", "so", "incredibly", "extremely", "genuinely", "absolutely", "SO", "super"];
const WHEN: Bank = &["this morning", "yesterday", "Tuesday", "last night", "the last update", "lunch", "the weekend"];
const LUMORANOTES: Bank = &["(still call it lumoranotes out of habit)", "#lumoranotes", "(the old lumoranotes app)"];

/// HN story titles per topic: (neutral or positive, negative).
const HN_TITLES: [[Bank; 2]; 10] = [
    [
        &["{B} raises prices for its teams plan", "Ask HN: Is {B} worth ${p}/seat?"],
        &["{B}'s new pricing is a mess", "{B} quietly doubled the price of its {f}"],
    ],
    [
        &["{B} outage postmortem", "{B} incident report: {n}-hour {f} outage"],
        &["{B} is down", "Ask HN: Is {B} down for anyone else?"],
    ],
    [
        &["Ask HN: How do you reach a human at {B} support?", "What I learned running support at a {B}-sized startup"],
        &["{B} locked my account and support won't answer"],
    ],
    [
        &["{B} {v}", "{B} {v}: {f}", "Show HN: Open-source {f} plugin for {B}", "{B} launches {f}"],
        &["{B} {v} removed the features I paid for"],
    ],
    [
        &["{B} adds {f} for all plans", "Ask HN: Is {B} safe for company data?"],
        &["{B} security incident involving {f}"],
    ],
    [&["How {B} made {f} {n}x faster", "Benchmarking {f} in {B}"], &["Why is {B} so slow?"]],
    [
        &["Show HN: Sync {B} with your terminal", "{B} API now supports webhooks", "Show HN: A CLI for {B}"],
        &["{B} broke its API without notice"],
    ],
    [
        &["{B}'s mobile app, rewritten", "The {B} {f} is finally usable"],
        &["Ask HN: Best mobile note app? {B} keeps crashing"],
    ],
    [
        &["Ask HN: How do you handle {B} seat billing?"],
        &["{B} double-charged customers this month", "Ask HN: {B} keeps billing me after I cancelled"],
    ],
    [
        &["{B} public roadmap: {f} coming next", "Ask HN: What do you want from {B} next?"],
        &["Ask HN: Why doesn't {B} have {f} yet?"],
    ],
];
const HN_VS_TITLES: Bank = &[
    "Why we switched from {C} to {B}",
    "{B} vs. {C} for a {n}-person team",
    "Migrating from {C} to {B}: lessons learned",
    "Ask HN: {B} or {C}?",
];

const SE_TITLES: [Bank; 10] = [
    &["How to query plan limits with the {B} API?", "{B} API: seat count endpoint returns stale data"],
    &["Getting 503 from the {B} API during deploys", "{B} API requests time out intermittently"],
    &["How to report a bug in the {B} SDK?", "{B} SDK error has no error code"],
    &["How to enable the new {f} via the {B} API?", "{B} {v} SDK breaking changes in `{bl}.items.list()`"],
    &["How to set up SAML SSO with {B} and Okta?", "{B} OAuth2 token refresh returns invalid_grant"],
    &["Why does `{bl}.sync()` hang on large workspaces?", "{B} search API is slow with cursor pagination"],
    &[
        "{B} webhook signature verification fails in Node.js",
        "{B} API returns 429 Too Many Requests on bulk import",
        "Parsing {B} export JSON in Python: KeyError 'blocks'",
    ],
    &["{B} iOS SDK crashes on background refresh", "{B} Android SDK: NullPointerException in SyncWorker"],
    &["{B} billing API: how to list invoices by date?", "Webhook for failed payments in {B} not firing"],
    &["Is there a {B} API endpoint for version history?", "Workaround for missing markdown export in {B}?"],
];
const SE_CONTEXT: Bank = &[
    "I'm using the {b} REST API (v{v}) from {lang}.",
    "We integrate {b} into our internal tooling with {lang}.",
    "I'm writing a small sync script against {b} in {lang}.",
    "Our backend calls {b} from {lang} through the official SDK.",
];
const SE_LANGS: Bank =
    &["Python 3.12 (requests)", "Node 20", "Go 1.22", "Rust (reqwest)", "a bash script using curl", "C# / .NET 8"];
const SE_CALLS: Bank = &[
    "`GET /v2/pages`",
    "`POST /v2/webhooks`",
    "`GET /v2/search?q=`",
    "`PATCH /v2/items/:id`",
    "`client.items.list(cursor)`",
];
const SE_ERRORS: Bank = &[
    "`401 Unauthorized`",
    "`429 Too Many Requests`",
    "`503 Service Unavailable`",
    "`TypeError: Cannot read properties of undefined (reading 'id')`",
    "`invalid_grant`",
    "an empty `results` array",
];
const SE_TRIED: Bank = &[
    "I already regenerated the API token.",
    "Retrying with exponential backoff doesn't help.",
    "The same request works in Postman.",
    "The docs don't mention this case.",
    "Setting `Accept: application/json` made no difference.",
];
const SE_ASK: Bank = &[
    "What am I missing?",
    "Is this a known limitation?",
    "How do I fix this?",
    "Any pointers appreciated.",
    "Is there a workaround?",
];

/// RSS headlines per topic and tone (positive, negative, neutral).
const RSS_HEADS: [[Bank; 3]; 10] = [
    [
        &["{B} cuts price of {f} to win small businesses"],
        &["{B} raises prices for teams plan", "{B} ends lifetime deals in pricing overhaul"],
        &["{B} restructures its {f}"],
    ],
    [
        &["{B} restores service after major outage"],
        &[
            "{B} suffers hours-long outage",
            "{B} outage leaves users locked out of their notes",
            "{B} blames cloud provider for {f} outage",
        ],
        &["{B} publishes postmortem of {f} incident"],
    ],
    [
        &["{B} expands 24/7 support to all paid plans"],
        &["Users complain about slow {B} support response times"],
        &["{B} moves customer support to {f}"],
    ],
    [
        &["{B} launches {v} with {f}", "Hands-on with {B} {v}: {f} impresses"],
        &["{B} {v} redesign draws user backlash"],
        &["{B} unveils {f} for teams"],
    ],
    [
        &["{B} earns SOC 2 Type II certification", "{B} adds {f} for enterprise customers"],
        &["{B} discloses security incident affecting {f}"],
        &["{B} details {f} roadmap for enterprises"],
    ],
    [&["{B} says new sync engine is {n}x faster"], &["Review: {B} is pretty, but {f} lags"], &["{B} rebuilds its {f}"]],
    [
        &["{B} partners with Zapier to expand integrations"],
        &["{B} integration outage disrupts workflows"],
        &["{B} opens public API to developers"],
    ],
    [
        &["{B} mobile app update brings faster {f}"],
        &["{B} mobile app pulled over crash bug"],
        &["{B} redesigns its iOS and Android apps"],
    ],
    [
        &["{B} refunds customers after billing error"],
        &["{B} billing bug double-charged customers"],
        &["{B} switches to usage-based billing"],
    ],
    [&["{B} ships most-requested feature, {f}"], &["{B} users petition for {f}"], &["{B} publishes public roadmap"]],
];
const RSS_VS_HEADS: Bank = &[
    "{B} and {C} battle for the small-business productivity market",
    "{C} users flock to {B} after outage",
    "Why teams are switching from {C} to {B}",
    "{B} takes aim at {C} with new pricing",
];
const RSS_DESC: [Bank; 3] = [
    &[
        "{B} said the update to its {f} is available to all customers starting today.",
        "Early reviews of the {f} from {B} customers have been largely positive.",
        "{B} said the change follows months of feedback from its largest customers.",
    ],
    &[
        "Customers took to social media to criticise {B} over its {f}.",
        "{B} acknowledged the problem with its {f} and promised a fix.",
        "The move has frustrated long-time {B} users, according to posts on forums.",
    ],
    &[
        "{B} confirmed the change to its {f} in a blog post.",
        "{B} said the {f} will roll out over the coming weeks.",
        "The productivity company {B} outlined the plans in a note to customers.",
    ],
];
const RSS_TAILS: Bank = &[
    "A spokesperson did not respond to a request for comment.",
    "The company has raised ${n} million to date.",
    "Rivals have made similar moves this year.",
    "The company says it has more than {n},000 paying teams.",
];
/// RSS publishers: display name and web domain.
pub(super) const PUBLISHERS: [(&str, &str); 8] = [
    ("TechWire", "techwire.news"),
    ("SaaS Insider", "saasinsider.com"),
    ("The Product Ledger", "productledger.com"),
    ("CloudBeat", "cloudbeat.io"),
    ("DevPulse", "devpulse.net"),
    ("Workflow Weekly", "workflowweekly.com"),
    ("Byteline", "byteline.news"),
    ("The Stack Report", "stackreport.io"),
];

/// Discourse topic titles per topic: (neutral or positive, negative).
const DISC_TITLES: [[Bank; 2]; 10] = [
    [&["Is the {B} teams plan worth it?", "{B} plans compared"], &["{B} price increase - any grandfathering?"]],
    [&["{B} incident since {d} - any news?"], &["{B} sync not working since {d}", "{B} down? Can't load the {f}"]],
    [&["How to contact {B} support?"], &["{B} support not responding to tickets"]],
    [&["{B} {v} release thread", "First impressions of the {f} in {B} {v}"], &["{B} {v} broke my setup"]],
    [&["{B} and {f} - setup guide"], &["Security concern about {B} {f}"]],
    [&["Tips to speed up {B} {f}"], &["{B} very slow with large workspaces"]],
    [&["{B} + {f} workflow"], &["{B} {f} broken after update"]],
    [&["{B} {f} offline questions"], &["{B} {f} crashes on startup"]],
    [&["{B} invoice missing VAT number"], &["Charged twice by {B}"]],
    [&["[Feature request] {f} in {B}", "{B}: please add {f}"], &["Still no {f} in {B}?"]],
];
const DISC_VS_TITLES: Bank = &[
    "Migrating from {C} to {B} - tips?",
    "{B} vs {C} for a small team",
    "Coming from {C}, what should I know about {B}?",
];
const DISC_OPEN: Bank = &["Hi all, ", "Hello everyone, ", "Hey folks, ", ""];
const DISC_REPLY: Bank =
    &["Same here. ", "+1 on this. ", "Thanks {h}, ", "Following. ", "Not sure, but ", "Can confirm. ", ""];
const DISC_CLOSE: Bank =
    &["Any help appreciated.", "Cheers", "Thanks in advance!", "Happy to share logs.", "Hope this helps someone."];

/// Foreign-language Mastodon statuses: (language, topic, tone 0/1/2, template).
const FOREIGN: &[(&str, usize, usize, &str)] = &[
    ("de", 3, 0, "{b} ist echt super, die neue Suche ist klasse"),
    ("de", 5, 0, "Endlich ist {b} schnell, danke an das Team"),
    ("de", 1, 1, "{b} ist schon wieder down"),
    ("de", 0, 1, "Die neuen Preise von {b} sind eine Frechheit"),
    ("de", 2, 1, "Der {b} Support antwortet seit Tagen nicht"),
    ("de", 9, 2, "Nutzt jemand {b} im Team? Erfahrungen?"),
    ("de", 3, 2, "{b} hat heute ein Update veröffentlicht"),
    ("fr", 3, 0, "J'adore la nouvelle version de {b}"),
    ("fr", 5, 0, "{b} est vraiment rapide maintenant"),
    ("fr", 1, 1, "{b} est encore en panne"),
    ("fr", 0, 1, "Les nouveaux prix de {b}, non merci"),
    ("fr", 2, 1, "Le support de {b} ne répond pas"),
    ("fr", 9, 2, "Quelqu'un utilise {b} en équipe ?"),
    ("es", 3, 0, "Me encanta la nueva búsqueda de {b}"),
    ("es", 7, 0, "{b} funciona genial en el móvil"),
    ("es", 1, 1, "{b} está caído otra vez"),
    ("es", 0, 1, "{b} subió los precios otra vez"),
    ("es", 2, 1, "El soporte de {b} no contesta"),
    ("es", 9, 2, "¿Alguien usa {b} para equipos?"),
];

const FIRST: Bank = &[
    "maria", "kwame", "aiko", "lars", "priya", "diego", "fatima", "chen", "olga", "tomas", "amara", "yusuf", "ingrid",
    "rahul", "sofia", "mateo", "leila", "jonas", "keiko", "nadia", "omar", "elena", "tariq", "hana", "felix", "zara",
    "ivan", "mei", "carlos", "ada", "noah", "lina", "sven", "grace", "ravi", "emma", "kofi", "julia", "arjun", "nina",
];
const LAST: Bank = &[
    "chen", "okafor", "silva", "novak", "patel", "schmidt", "garcia", "kim", "haddad", "larsen", "nguyen", "rossi",
    "mensah", "kowalski", "tanaka", "dubois", "ivanova", "costa", "reyes", "berg",
];
const WORDS: Bank = &[
    "pixel", "async", "kernel", "coffee", "nomad", "cloud", "byte", "rusty", "vim", "lambda", "quiet", "orbit", "tiny",
    "river", "maple", "null", "stack", "delta", "echo", "fern", "paper", "signal", "static", "wander", "cobalt", "zen",
];
const INSTANCES: Bank =
    &["mastodon.social", "fosstodon.org", "hachyderm.io", "mas.to", "infosec.exchange", "techhub.social"];

/// What the generator wants written.
pub(super) struct Spec {
    /// The platform, which decides the post's shape.
    pub source: DemoSource,
    /// Index into [`TOPICS`].
    pub topic: usize,
    /// The tone to write in.
    pub tone: Tone,
    /// Index into `BRANDS` of the main brand.
    pub brand: usize,
    /// Second brand of a comparison post.
    pub other: Option<usize>,
    /// Planted Lumora 3.0 launch wording.
    pub surge: bool,
    /// The brand's current release (major, minor).
    pub version: (u32, u32),
    /// Needs a title (HN story, SE question, RSS article, opening Discourse post).
    pub titled: bool,
    /// Answers someone (HN comment, Discourse reply, Mastodon reply).
    pub reply: bool,
}

/// A composed post.
pub(super) struct Written {
    /// Title, for posts that need one.
    pub title: Option<String>,
    /// Body text.
    pub text: String,
    /// Index into [`TOPICS`] of what was written (a foreign-language status may differ from the spec).
    pub topic: usize,
    /// Sentiment in [-1, 1] the text was written with.
    pub sentiment: f32,
    /// Language code for Mastodon statuses.
    pub lang: Option<&'static str>,
    /// Index into [`PUBLISHERS`] for RSS articles.
    pub publisher: Option<usize>,
}

/// Composes the text of one post.
pub(super) fn write(rng: &mut ChaCha8Rng, spec: &Spec) -> Written {
    let features = if spec.surge { SURGE_FEATURES } else { FEATURES[spec.topic] };
    let feature = one(rng, features);
    let casing = match rng.random_range(0..100) {
        _ if spec.source == DemoSource::Rss => Case::Name,
        0..86 => Case::Name,
        86..96 => Case::Lower,
        _ => Case::Upper,
    };
    let mut pen = Pen { rng, spec, features, feature, price: 0, casing, intense: false, pronoun: false, main: "" };
    pen.price = *pick(pen.rng, &[6u32, 8, 10, 12, 15, 18, 20, 25, 30]);
    let mut written = match spec.source {
        DemoSource::Mastodon if spec.other.is_none() && pen.rng.random::<f64>() < 0.04 => pen.foreign(),
        DemoSource::Mastodon => pen.mastodon(),
        DemoSource::HackerNews => pen.hacker_news(),
        DemoSource::StackExchange => pen.question(),
        DemoSource::Rss => pen.article(),
        DemoSource::Discourse => pen.forum(),
    };
    // A corpus holds a million of these: keep only the bytes used.
    written.text.shrink_to_fit();
    if let Some(title) = &mut written.title {
        title.shrink_to_fit();
    }
    written
}

/// A stable, realistic handle for the author of popularity `rank` on `source`.
pub(super) fn handle(source: DemoSource, rank: u64) -> String {
    let salt = DemoSource::ALL.iter().position(|s| *s == source).unwrap_or(0) as u64;
    let mut h = splitmix(rank.wrapping_mul(0x9E37_79B9) ^ (salt << 40));
    let mut take = |bank: Bank| {
        h = splitmix(h);
        bank[(h % bank.len() as u64) as usize]
    };
    let (first, last, word, word2) = (take(FIRST), take(LAST), take(WORDS), take(WORDS));
    let digits = splitmix(h) % 100;
    if source == DemoSource::Rss {
        return format!("{} {}", capitalized(first), capitalized(last));
    }
    let mut name = match splitmix(h ^ 7) % 9 {
        0 => format!("{first}_{word}"),
        1 => format!("dev_{first}"),
        2 => format!("{first}.codes"),
        3 => format!("{first}{last}"),
        4 => format!("{word}{word2}{digits}"),
        5 => format!("{first}.{last}"),
        6 => format!("{first}{digits}"),
        7 => format!("the{word}"),
        _ => format!("{word}_{last}"),
    };
    match source {
        DemoSource::HackerNews => name = name.replace('.', "_"),
        DemoSource::StackExchange if digits < 40 => name = format!("{} {}", capitalized(first), capitalized(last)),
        DemoSource::StackExchange if digits < 55 => name = format!("user{}", 1_000_000 + splitmix(h ^ 3) % 9_000_000),
        DemoSource::Mastodon if digits < 60 => name = format!("{name}@{}", INSTANCES[(digits % 6) as usize]),
        _ => {}
    }
    name
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn capitalized(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        out.push(c.to_ascii_uppercase());
    }
    out.extend(chars);
    out
}

fn one(rng: &mut ChaCha8Rng, bank: &[&'static str]) -> &'static str {
    bank[rng.random_range(0..bank.len())]
}

fn pick<'t, T>(rng: &mut ChaCha8Rng, items: &'t [T]) -> &'t T {
    &items[rng.random_range(0..items.len())]
}

/// Renders templates for one post, keeping per-post choices (feature, price, version, brand casing).
struct Pen<'a> {
    rng: &'a mut ChaCha8Rng,
    spec: &'a Spec,
    features: Bank,
    feature: &'static str,
    price: u32,
    /// How this post writes brand names in `{b}` and `{c}`.
    casing: Case,
    intense: bool,
    /// Render `{b}` as "it" where grammar allows (second clause of a mixed post).
    pronoun: bool,
    /// The main clause's template, so that an aside does not repeat it.
    main: &'static str,
}

impl Pen<'_> {
    fn roll(&mut self, p: f64) -> bool {
        self.rng.random::<f64>() < p
    }

    fn brand(&self, out: &mut String, index: usize, case: Case) {
        let brand = &BRANDS[index];
        match case {
            Case::Name => out.push_str(brand.name),
            Case::Lower => out.push_str(brand.terms[0]),
            Case::Upper => out.extend(brand.name.chars().map(|c| c.to_ascii_uppercase())),
        }
    }

    /// Appends `tpl` with its `{slot}`s filled.
    fn render(&mut self, out: &mut String, tpl: &str) {
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let key = &after[..close];
            let clause_start = open == 0 && rest.len() == tpl.len();
            rest = &after[close + 1..];
            if self.pronoun && clause_start && key == "b" {
                if let Some(r) = rest.strip_prefix("'s") {
                    out.push_str("its");
                    rest = r;
                    continue;
                }
                if [" is ", " has ", " keeps ", " still "].iter().any(|v| rest.starts_with(v)) {
                    out.push_str("it");
                    continue;
                }
            }
            self.slot(out, key);
        }
        out.push_str(rest);
    }

    fn slot(&mut self, out: &mut String, key: &str) {
        use std::fmt::Write;
        let other = self.spec.other.unwrap_or(self.spec.brand);
        // Writing into a String cannot fail, so the `fmt::Result`s below are ignored.
        match key {
            "b" => self.brand(out, self.spec.brand, self.casing),
            "B" => self.brand(out, self.spec.brand, Case::Name),
            "bl" => self.brand(out, self.spec.brand, Case::Lower),
            "c" => self.brand(out, other, self.casing),
            "C" => self.brand(out, other, Case::Name),
            "f" => out.push_str(self.feature),
            "n" => {
                let _ = write!(out, "{}", self.rng.random_range(2..49));
            }
            "k" => {
                let _ = write!(out, "{}", self.rng.random_range(10..400));
            }
            "p" => {
                let _ = write!(out, "{}", self.price);
            }
            "v" => {
                let _ = write!(out, "{}.{}", self.spec.version.0, self.spec.version.1);
            }
            "d" => out.push_str(one(self.rng, WHEN)),
            "lang" => out.push_str(one(self.rng, SE_LANGS)),
            "i" => {
                self.intense = true;
                out.push_str(one(self.rng, INTENSIFIERS));
            }
            "h" => {
                out.push('@');
                out.push_str(&handle(DemoSource::Discourse, self.rng.random_range(0..5_000)));
            }
            "u" => {
                let _ = self.url(out);
            }
            _ => {}
        }
    }

    fn url(&mut self, out: &mut String) -> std::fmt::Result {
        use std::fmt::Write;
        let brand = BRANDS[self.spec.brand].terms[0];
        match self.rng.random_range(0..5) {
            0 => write!(out, "https://{brand}.com/changelog"),
            1 => write!(out, "https://status.{brand}.com"),
            2 => write!(out, "https://news.ycombinator.com/item?id={}", self.rng.random_range(38_000_000..44_000_000)),
            3 => write!(
                out,
                "https://github.com/{}/notes-sync/issues/{}",
                handle(DemoSource::HackerNews, self.rng.random_range(0..3000)),
                self.rng.random_range(2..900)
            ),
            _ => write!(out, "https://blog.{brand}.com/posts/{}", self.rng.random_range(100..999)),
        }
    }

    /// Renders one main clause in `tone` (0 positive, 1 negative, 2 neutral).
    fn clause(&mut self, out: &mut String, tone: usize) {
        let tpl = one(self.rng, CLAUSES[self.spec.topic][tone]);
        self.main = tpl;
        self.render(out, tpl);
    }

    /// Renders a further clause about another feature, calling the brand "it" where grammar allows.
    fn aside(&mut self, out: &mut String, tone: usize) {
        let previous = self.feature;
        for _ in 0..4 {
            self.feature = one(self.rng, self.features);
            if self.feature != previous {
                break;
            }
        }
        let start = out.len();
        let bank = CLAUSES[self.spec.topic][tone];
        let mut tpl = one(self.rng, bank);
        for _ in 0..4 {
            if tpl != self.main {
                break;
            }
            tpl = one(self.rng, bank);
        }
        self.pronoun = true;
        self.render(out, tpl);
        self.pronoun = false;
        if sentence_starts(out, start) {
            capitalize_at(out, start);
        }
    }

    /// Renders the main statement and returns its sentiment.
    fn statement(&mut self, out: &mut String) -> f32 {
        let start = out.len();
        let value: f32 = match self.spec.tone {
            Tone::Mixed => {
                let negative_last = self.roll(0.5);
                let (first, second) = if negative_last { (0, 1) } else { (1, 0) };
                self.clause(out, first);
                out.push_str(", but ");
                self.aside(out, second);
                let v = self.rng.random_range(0.05..0.35);
                if negative_last {
                    -v
                } else {
                    v
                }
            }
            tone => {
                let i = tone_index(tone);
                self.clause(out, i);
                match tone {
                    Tone::Positive => self.rng.random_range(0.45..0.8),
                    Tone::Negative => self.rng.random_range(-0.8..-0.45),
                    _ => self.rng.random_range(-0.12..0.12),
                }
            }
        };
        if sentence_starts(out, start) {
            capitalize_at(out, start);
        }
        let boost = if self.intense { 0.12 } else { 0.0 };
        (value + value.signum() * boost).clamp(-1.0, 1.0)
    }

    /// Ends the sentence in `out` with punctuation fitting the tone; returns the extra intensity.
    fn end_sentence(&mut self, out: &mut String, loud: bool) -> f32 {
        if out.ends_with('?') {
            return 0.0;
        }
        let strong = matches!(self.spec.tone, Tone::Positive | Tone::Negative);
        if loud && strong && self.roll(0.12) {
            out.push_str("!!!");
            return 0.08;
        }
        out.push(if strong && self.roll(0.3) { '!' } else { '.' });
        0.0
    }

    fn versus(&mut self, out: &mut String) {
        if self.spec.other.is_none() {
            return;
        }
        out.push(' ');
        let start = out.len();
        let tpl = one(self.rng, VERSUS[tone_index(self.spec.tone)]);
        self.render(out, tpl);
        capitalize_at(out, start);
        if !out.ends_with('?') {
            out.push('.');
        }
    }

    fn closer(&mut self, out: &mut String) {
        out.push(' ');
        let tpl = one(self.rng, CLOSERS[tone_index(self.spec.tone)]);
        self.render(out, tpl);
    }

    fn emoji(&mut self, out: &mut String) {
        let bank = match self.spec.tone {
            Tone::Positive => EMOJI[0],
            // Money complaints (pricing, billing) get the flying money.
            Tone::Negative if matches!(TOPICS[self.spec.topic], "pricing" | "billing") => &["💸", "😡", "🙄"],
            Tone::Negative => EMOJI[1],
            Tone::Neutral => EMOJI[2],
            Tone::Mixed => EMOJI[3],
        };
        out.push(' ');
        out.push_str(one(self.rng, bank));
    }

    /// Upper-cases one plain word after `start` now and then, for emphasis.
    fn shout(&mut self, out: &mut str, start: usize) -> f32 {
        if self.spec.tone == Tone::Neutral || !self.roll(0.07) {
            return 0.0;
        }
        let words: Vec<(usize, usize)> = word_spans(&out[start..]).filter(|(a, b)| b - a >= 4).collect();
        if words.is_empty() {
            return 0.0;
        }
        let (a, b) = words[self.rng.random_range(0..words.len())];
        out[start + a..start + b].make_ascii_uppercase();
        0.05
    }

    fn with_sentiment(&self, value: f32, extra: f32) -> f32 {
        (value + value.signum() * extra).clamp(-1.0, 1.0)
    }

    fn lumoranotes(&mut self, out: &mut String) {
        let names_lumora = self.spec.brand == 0 || self.spec.other == Some(0);
        if names_lumora && self.roll(0.03) {
            out.push(' ');
            out.push_str(one(self.rng, LUMORANOTES));
        }
    }

    fn mastodon(mut self) -> Written {
        let mut text = String::with_capacity(192);
        if self.spec.reply {
            self.render(&mut text, "{h} ");
        }
        if self.roll(0.18) {
            let tpl = one(self.rng, OPENERS[usize::from(self.spec.tone == Tone::Neutral)]);
            self.render(&mut text, tpl);
        }
        let start = text.len();
        let value = self.statement(&mut text);
        let mut extra = self.shout(&mut text, start);
        extra += self.end_sentence(&mut text, true);
        self.versus(&mut text);
        if self.roll(0.18) {
            self.closer(&mut text);
        }
        if self.roll(0.6) {
            self.emoji(&mut text);
        }
        if self.roll(0.1) {
            text.push(' ');
            self.url(&mut text).ok();
        }
        self.lumoranotes(&mut text);
        self.hashtags(&mut text);
        let sentiment = self.with_sentiment(value, extra);
        Written { title: None, text, topic: self.spec.topic, sentiment, lang: Some("en"), publisher: None }
    }

    fn hashtags(&mut self, out: &mut String) {
        if self.roll(0.3) {
            out.push(' ');
            out.push_str(one(self.rng, TAGS));
        }
        for brand in std::iter::once(self.spec.brand).chain(self.spec.other) {
            out.push_str(" #");
            out.push_str(BRANDS[brand].hashtag);
        }
    }

    fn foreign(mut self) -> Written {
        let tone = tone_index(self.spec.tone);
        let matching: Vec<&(&str, usize, usize, &str)> = FOREIGN.iter().filter(|f| f.2 == tone).collect();
        let same_topic: Vec<_> = matching.iter().filter(|f| f.1 == self.spec.topic).copied().collect();
        let pool = if same_topic.is_empty() { &matching } else { &same_topic };
        let &(lang, topic, tone, tpl) = *pick(self.rng, pool);
        let mut text = String::with_capacity(120);
        self.render(&mut text, tpl);
        if tone < 2 {
            self.emoji(&mut text);
        }
        self.hashtags(&mut text);
        let sentiment = match tone {
            0 => self.rng.random_range(0.45..0.8),
            1 => self.rng.random_range(-0.8..-0.45),
            _ => self.rng.random_range(-0.1..0.1),
        };
        Written { title: None, text, topic, sentiment, lang: Some(lang), publisher: None }
    }

    fn hacker_news(mut self) -> Written {
        let title = self.spec.titled.then(|| {
            let negative = usize::from(self.spec.tone == Tone::Negative);
            let bank = if self.spec.other.is_some() { HN_VS_TITLES } else { HN_TITLES[self.spec.topic][negative] };
            let tpl = if self.spec.surge { "{B} {v}: {f}" } else { one(self.rng, bank) };
            let mut title = String::with_capacity(80);
            self.render(&mut title, tpl);
            title
        });
        let mut text = String::with_capacity(192);
        if !self.spec.titled && self.roll(0.12) {
            let tpl = one(self.rng, OPENERS[usize::from(self.spec.tone == Tone::Neutral)]);
            self.render(&mut text, tpl);
        }
        let start = text.len();
        let value = self.statement(&mut text);
        let mut extra = if self.spec.titled { 0.0 } else { self.shout(&mut text, start) };
        extra += self.end_sentence(&mut text, false);
        if !self.spec.titled && self.roll(0.45) {
            text.push(' ');
            let tone = tone_index(self.spec.tone);
            self.aside(&mut text, tone);
            self.end_sentence(&mut text, false);
        }
        self.versus(&mut text);
        if self.roll(0.35) {
            text.push(' ');
            let tpl = one(self.rng, HN_DETAILS);
            self.render(&mut text, tpl);
        }
        if self.roll(0.3) {
            self.closer(&mut text);
        }
        self.lumoranotes(&mut text);
        let sentiment = self.with_sentiment(value, extra);
        Written { title, text, topic: self.spec.topic, sentiment, lang: None, publisher: None }
    }

    fn question(mut self) -> Written {
        let mut title = String::with_capacity(80);
        let tpl = one(self.rng, SE_TITLES[self.spec.topic]);
        self.render(&mut title, tpl);
        let mut text = String::with_capacity(192);
        let tpl = one(self.rng, SE_CONTEXT);
        self.render(&mut text, tpl);
        text.push_str(" Calling ");
        text.push_str(one(self.rng, SE_CALLS));
        text.push_str(" returns ");
        text.push_str(one(self.rng, SE_ERRORS));
        text.push_str(". ");
        text.push_str(one(self.rng, SE_TRIED));
        let frustrated = self.spec.tone == Tone::Negative;
        if frustrated {
            text.push_str(" This has been blocking our release for two days.");
        }
        self.versus(&mut text);
        text.push(' ');
        text.push_str(one(self.rng, SE_ASK));
        self.lumoranotes(&mut text);
        let sentiment = if frustrated { self.rng.random_range(-0.5..-0.25) } else { self.rng.random_range(-0.15..0.1) };
        Written { title: Some(title), text, topic: self.spec.topic, sentiment, lang: None, publisher: None }
    }

    fn article(mut self) -> Written {
        let tone = tone_index(self.spec.tone);
        let publisher = self.rng.random_range(0..PUBLISHERS.len());
        let bank = if self.spec.other.is_some() { RSS_VS_HEADS } else { RSS_HEADS[self.spec.topic][tone] };
        let tpl = if self.spec.surge && tone == 0 && self.spec.other.is_none() {
            "{B} launches {v} with {f}"
        } else {
            one(self.rng, bank)
        };
        let mut title = String::with_capacity(96);
        self.render(&mut title, tpl);
        title.push_str(" - ");
        title.push_str(PUBLISHERS[publisher].0);
        let mut text = String::with_capacity(192);
        let tpl = one(self.rng, RSS_DESC[tone]);
        self.render(&mut text, tpl);
        if self.roll(0.5) {
            text.push(' ');
            let tpl = one(self.rng, RSS_TAILS);
            self.render(&mut text, tpl);
        }
        let sentiment = match tone {
            0 => self.rng.random_range(0.3..0.7),
            1 => self.rng.random_range(-0.7..-0.3),
            _ => self.rng.random_range(-0.1..0.1),
        };
        Written { title: Some(title), text, topic: self.spec.topic, sentiment, lang: None, publisher: Some(publisher) }
    }

    fn forum(mut self) -> Written {
        let title = self.spec.titled.then(|| {
            let negative = usize::from(self.spec.tone == Tone::Negative);
            let bank = if self.spec.other.is_some() { DISC_VS_TITLES } else { DISC_TITLES[self.spec.topic][negative] };
            let mut title = String::with_capacity(80);
            let tpl = one(self.rng, bank);
            self.render(&mut title, tpl);
            title
        });
        let mut text = String::with_capacity(192);
        let lead = if self.spec.titled { DISC_OPEN } else { DISC_REPLY };
        let tpl = one(self.rng, lead);
        self.render(&mut text, tpl);
        let start = text.len();
        let value = self.statement(&mut text);
        let mut extra = self.shout(&mut text, start);
        extra += self.end_sentence(&mut text, false);
        if self.spec.titled || self.roll(0.3) {
            self.versus(&mut text);
        }
        if self.roll(0.4) {
            text.push(' ');
            text.push_str(one(self.rng, DISC_CLOSE));
        }
        self.lumoranotes(&mut text);
        let sentiment = self.with_sentiment(value, extra);
        Written { title, text, topic: self.spec.topic, sentiment, lang: None, publisher: None }
    }
}

/// Bank index of a tone: 0 positive, 1 negative, 2 neutral (mixed posts pick neutral frames).
fn tone_index(tone: Tone) -> usize {
    match tone {
        Tone::Positive => 0,
        Tone::Negative => 1,
        Tone::Neutral | Tone::Mixed => 2,
    }
}

/// Byte spans of plain alphabetic words (no handles, tags or URLs) in `text`.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut offset = 0;
    text.split(' ').filter_map(move |word| {
        let span = (offset, offset + word.len());
        offset += word.len() + 1;
        word.bytes().all(|b| b.is_ascii_alphabetic()).then_some(span)
    })
}

fn capitalize_at(out: &mut str, at: usize) {
    if let Some(first) = out.get_mut(at..at + 1) {
        first.make_ascii_uppercase();
    }
}

/// Whether a clause starting at `at` begins a sentence.
fn sentence_starts(out: &str, at: usize) -> bool {
    let before = out[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?'])
}

namespace Moecraft.Caching;

/// <summary>The prompt templates and word lists behind <see cref="CacheProbeSet"/>.</summary>
internal static class ProbeTemplates
{
    public sealed record Template(string Name, Func<Random, CacheProbeSet.Draw> Make);

    private const ProbeKind P = ProbeKind.Paraphrase;
    private const ProbeKind R = ProbeKind.MeaningReversal;

    private static readonly string[] Acts =
    [
        "eat raw cookie dough", "mix bleach and vinegar", "run the dishwasher overnight", "update the BIOS during a storm",
        "store batteries in the fridge", "swim right after lunch", "drink tap water in Lisbon", "reuse plastic water bottles",
        "charge my phone overnight", "delete the node_modules folder", "microwave food in takeaway boxes", "give grapes to a dog",
    ];
    private static readonly (string A, string B)[] Units =
    [
        ("kilometers", "miles"), ("celsius", "fahrenheit"), ("kilograms", "pounds"), ("USD", "EUR"), ("liters", "gallons"),
        ("inches", "centimeters"), ("hours", "seconds"), ("megabytes", "gigabytes"),
    ];
    private static readonly string[] Metrics =
        ["throughput", "memory usage", "latency", "batch size", "timeout", "cache size", "thread count", "font size", "volume"];
    private static readonly string[] Systems =
        ["Postgres database", "Kafka cluster", "web server", "Python script", "Orleans silo", "Docker container", "laptop", "Nginx proxy"];
    private static readonly string[] Languages = ["Python", "Rust", "Go", "Java", "C#", "JavaScript", "C++", "Ruby", "Haskell", "Kotlin"];
    private static readonly string[] Tasks =
        ["web scraping", "parsing JSON", "number crunching", "writing CLI tools", "image processing", "game development"];
    private static readonly string[] Items = ["elements", "even numbers", "strings", "prime numbers", "unique values", "words"];
    private static readonly string[] Features =
    [
        "two-factor authentication", "automatic updates", "the firewall", "swap memory", "hyper-threading", "dark mode",
        "Bluetooth", "location tracking", "disk encryption",
    ];
    private static readonly string[] Devices = ["laptop", "phone", "router", "server", "Raspberry Pi", "smart TV"];
    private static readonly string[] Machines = ["printer", "laptop", "car", "dishwasher", "Docker container", "Wi-Fi router", "phone"];
    private static readonly string[] States = ["starting", "responding", "charging", "connecting to the network", "saving files", "syncing"];
    private static readonly string[] Events =
        ["a solar eclipse", "a volcanic eruption", "a stock market crash", "a software release", "a wedding ceremony", "a hurricane", "a marathon"];
    private static readonly string[] Phrases = ["good morning", "where is the train station", "thank you very much", "I love this city", "the bill please"];
    private static readonly string[] Spoken = ["English", "French", "German", "Spanish", "Italian", "Portuguese", "Japanese", "Dutch"];
    private static readonly string[] Cities = ["Paris", "Rome", "Berlin", "Madrid", "Lisbon", "Vienna", "Prague", "Oslo"];
    private static readonly string[] Days = ["Monday", "Tuesday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] UnrelatedPrompts =
    [
        "What is the capital of Australia?", "Give me a recipe for banana bread", "Who wrote Pride and Prejudice?",
        "Explain how photosynthesis works", "Recommend a comedy movie for tonight", "What causes the northern lights?",
        "Summarise the plot of Hamlet", "How do volcanoes form?", "Tips for growing tomatoes on a balcony",
        "What is the history of the Roman Colosseum?", "Suggest a name for a grey cat", "How does a refrigerator keep food cold?",
    ];

    public static readonly Template[] All =
    [
        new("safety", r =>
        {
            var act = Pick(r, Acts);
            var other = Other(r, Acts, act);
            return new($"Is it safe to {act}?",
            [
                ($"Would it be safe to {act}?", P, "synonym"),
                ($"{Cap(act)}: is it safe?", P, "reorder"),
                ($"Is it not safe to {act}?", R, "negation-insert"),
                ($"Is it dangerous to {act}?", R, "antonym"),
                ($"Is it safe to {other}?", R, "entity-substitution"),
            ]);
        }),
        new("convert", r =>
        {
            var (a, b) = Pick(r, Units);
            var n = r.Next(2, 20);
            var m = n + r.Next(1, 5);
            return new($"Convert {n} {a} to {b}",
            [
                ($"Convert {Spell(n)} {a} to {b}", P, "synonym"),
                ($"To {b}, convert {n} {a}", P, "reorder"),
                ($"Convert {m} {a} to {b}", R, "number"),
                ($"Convert {n} {b} to {a}", R, "entity-swap"),
            ]);
        }),
        new("tune", r =>
        {
            var up = r.Next(2) == 0;
            var verb = up ? "increase" : "decrease";
            var anti = up ? "decrease" : "increase";
            var synonym = up ? "raise" : "reduce";
            var metric = Pick(r, Metrics);
            var system = Pick(r, Systems);
            return new($"How do I {verb} the {metric} of my {system}?",
            [
                ($"How do I {synonym} the {metric} of my {system}?", P, "synonym"),
                ($"For my {system}, how do I {verb} the {metric}?", P, "reorder"),
                ($"How do I {anti} the {metric} of my {system}?", R, "antonym"),
                ($"How do I {verb} the {Other(r, Metrics, metric)} of my {system}?", R, "entity-substitution"),
            ]);
        }),
        new("compare", r =>
        {
            var a = Pick(r, Languages);
            var b = Other(r, Languages, a);
            var task = Pick(r, Tasks);
            return new($"Is {a} faster than {b} for {task}?",
            [
                ($"Is {a} quicker than {b} for {task}?", P, "synonym"),
                ($"For {task}, is {a} faster than {b}?", P, "reorder"),
                ($"Is {b} faster than {a} for {task}?", R, "entity-swap"),
                ($"Is {a} slower than {b} for {task}?", R, "antonym"),
                ($"Is {a} not faster than {b} for {task}?", R, "negation-insert"),
            ]);
        }),
        new("slice", r =>
        {
            var language = Pick(r, Languages);
            var n = r.Next(2, 12);
            var items = Pick(r, Items);
            var end = r.Next(2) == 0 ? "first" : "last";
            var other = end == "first" ? "last" : "first";
            return new($"Write a {language} function that returns the {end} {n} {items} of a list",
            [
                ($"Write a {language} function which returns the {end} {n} {items} of a list", P, "synonym"),
                ($"In {language}, write a function that returns the {end} {n} {items} of a list", P, "reorder"),
                ($"Write a {language} function that returns the {end} {n + r.Next(1, 4)} {items} of a list", R, "number"),
                ($"Write a {language} function that returns the {other} {n} {items} of a list", R, "antonym"),
            ]);
        }),
        new("settings", r =>
        {
            var on = r.Next(2) == 0;
            var verb = on ? "enable" : "disable";
            var anti = on ? "disable" : "enable";
            var feature = Pick(r, Features);
            var device = Pick(r, Devices);
            return new($"Should I {verb} {feature} on my {device}?",
            [
                ($"Should I {verb} {feature} on the {device}?", P, "synonym"),
                ($"On my {device}, should I {verb} {feature}?", P, "reorder"),
                ($"Should I {anti} {feature} on my {device}?", R, "antonym"),
                ($"Should I not {verb} {feature} on my {device}?", R, "negation-insert"),
                ($"Shouldn't I {verb} {feature} on my {device}?", R, "negation-insert"),
            ]);
        }),
        new("trouble", r =>
        {
            var machine = Pick(r, Machines);
            var state = Pick(r, States);
            return new($"Why is my {machine} not {state}?",
            [
                ($"Why isn't my {machine} {state}?", P, "synonym"),
                ($"My {machine} is not {state}, why?", P, "reorder"),
                ($"Why is my {machine} {state}?", R, "negation-remove"),
                ($"Why is my {machine} always {state}?", R, "negation-remove"),
            ]);
        }),
        new("timeline", r =>
        {
            var when = r.Next(2) == 0 ? "before" : "after";
            var anti = when == "before" ? "after" : "before";
            var e = Pick(r, Events);
            return new($"What happens {when} {e}?",
            [
                ($"What usually happens {when} {e}?", P, "synonym"),
                ($"{Cap(when)} {e}, what happens?", P, "reorder"),
                ($"What happens {anti} {e}?", R, "antonym"),
                ($"What happens {when} {Other(r, Events, e)}?", R, "entity-substitution"),
            ]);
        }),
        new("translate", r =>
        {
            var phrase = Pick(r, Phrases);
            var from = Pick(r, Spoken);
            var to = Other(r, Spoken, from);
            return new($"Translate '{phrase}' from {from} to {to}",
            [
                ($"Translate \"{phrase}\" from {from} into {to}", P, "synonym"),
                ($"From {from} to {to}, translate '{phrase}'", P, "reorder"),
                ($"Translate '{phrase}' from {to} to {from}", R, "entity-swap"),
                ($"Translate '{phrase}' from {from} to {Other(r, Spoken, to, from)}", R, "entity-substitution"),
            ]);
        }),
        new("booking", r =>
        {
            var n = r.Next(2, 10);
            var city = Pick(r, Cities);
            var day = Pick(r, Days);
            return new($"Book a table for {n} people in {city} on {day}",
            [
                ($"Reserve a table for {n} people in {city} on {day}", P, "synonym"),
                ($"On {day}, book a table for {n} people in {city}", P, "reorder"),
                ($"Book a table for {n + r.Next(1, 5)} people in {city} on {day}", R, "number"),
                ($"Book a table for {n} people in {Other(r, Cities, city)} on {day}", R, "entity-substitution"),
                ($"Book a table for {n} people in {city} on {Other(r, Days, day)}", R, "entity-substitution"),
            ]);
        }),
    ];

    private static readonly string[] Contexts =
    [
        "I run a small online shop from home on a Raspberry Pi, it gets around two hundred visitors a day and I have very little time to maintain it.",
        "My team maintains a legacy billing system that was written years ago, and we are slowly moving parts of it to the cloud.",
        "Some context: I am a student preparing for exams, I study mostly at night, and I want short practical answers without long explanations.",
        "I'm planning a trip through Europe with my family next summer, we travel by train and try to keep the budget reasonable.",
        "We are a startup of twelve people building a mobile app, our infrastructure runs on a single cloud provider and uptime matters a lot to us.",
        "I volunteer at a local library where we help elderly visitors with their computers and phones every Saturday morning.",
    ];

    public static string Unrelated(Random random) => Pick(random, UnrelatedPrompts);

    public static string Context(Random random) => Pick(random, Contexts);

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Other(Random random, IReadOnlyList<string> items, params string[] not)
    {
        while (true)
        {
            var item = Pick(random, items);
            if (!not.Contains(item)) return item;
        }
    }

    private static string Cap(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];

    private static string Spell(int n) => n < Small.Length ? Small[n] : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

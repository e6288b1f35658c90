namespace Closeio.Sandbox;

/// <summary>Word pools the renderers draw names, cities and sentences from.</summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "Ada", "Bruno", "Chloe", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lena",
        "Marco", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Ugo", "Vera", "Wen", "Yusuf", "Zoe",
    ];

    public static readonly string[] LastNames =
    [
        "Abbott", "Becker", "Costa", "Duval", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito", "Jansen", "Kowalski",
        "Laurent", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber",
    ];

    public static readonly string[] CompanyWords =
    [
        "Acme", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Keystone",
        "Lumen", "Maple", "Nimbus", "Orbit", "Pioneer", "Quartz", "Ridge", "Summit", "Tidal", "Umber", "Vertex", "Willow",
    ];

    public static readonly string[] CompanySuffixes = ["Labs", "Logistics", "Foods", "Systems", "Partners", "Studio", "Works", "Health", "Energy", "Capital"];

    public static readonly (string City, string State, string Country)[] Places =
    [
        ("Austin", "TX", "US"), ("Denver", "CO", "US"), ("Portland", "OR", "US"), ("Boston", "MA", "US"),
        ("Toronto", "ON", "CA"), ("Lyon", "ARA", "FR"), ("Munich", "BY", "DE"), ("Porto", "13", "PT"),
    ];

    public static readonly string[] Streets = ["Main St", "Oak Ave", "Pine Rd", "Market St", "River Way", "Hill Blvd", "Station Rd"];

    public static readonly string[] Titles = ["CEO", "CTO", "VP Sales", "Head of Ops", "Buyer", "Office Manager", "Founder", "Engineer"];

    public static readonly string[] Words =
    [
        "pricing", "demo", "renewal", "contract", "pilot", "budget", "timeline", "integration", "onboarding",
        "follow", "up", "next", "week", "quote", "proposal", "call", "back", "meeting", "notes", "trial",
    ];

    public static readonly string[] Timezones = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/Paris", "Europe/Berlin", "UTC"];

    public static string Sentence(ref Mix mix, int words)
    {
        var parts = new string[words];
        for (var i = 0; i < words; i++) parts[i] = mix.Pick(Words);
        var s = string.Join(' ', parts);
        return char.ToUpperInvariant(s[0]) + s[1..] + ".";
    }

    public static string Phone(ref Mix mix) => "+1" + mix.Next(200, 990) + mix.Next(200, 999) + mix.Next(1000, 9999);

    public static string FormatPhone(string e164) => $"+1 {e164[2..5]}-{e164[5..8]}-{e164[8..]}";
}

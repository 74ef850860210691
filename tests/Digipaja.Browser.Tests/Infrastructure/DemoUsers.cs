namespace Digipaja.Browser.Tests.Infrastructure;

/// <summary>A user of the seeded demo installation.</summary>
public sealed record DemoUser(string Email, string Role, string CountyName)
{
    public const string Password = "Digipaja-demo-2026";

    public override string ToString() => Email;
}

/// <summary>The demo users the app seeds (see Data/DemoData.cs) and the counties they belong to.</summary>
public static class DemoUsers
{
    public const string WestUusimaa = "Länsi-Uudenmaan hyvinvointialue";
    public const string SecondCounty = "Toinen hyvinvointialue (demo)";

    public static readonly DemoUser Administrator = new("admin@lansi-uusimaa.demo", "Administrator", WestUusimaa);
    public static readonly DemoUser Facilitator = new("facilitator@lansi-uusimaa.demo", "Facilitator", WestUusimaa);
    public static readonly DemoUser Participant = new("participant@lansi-uusimaa.demo", "Participant", WestUusimaa);
    public static readonly DemoUser Viewer = new("viewer@lansi-uusimaa.demo", "Viewer", WestUusimaa);
    public static readonly DemoUser SecondCountyAdministrator = new("admin@toinen.demo", "Administrator", SecondCounty);

    public static readonly IReadOnlyList<DemoUser> All =
        [Administrator, Facilitator, Participant, Viewer, SecondCountyAdministrator];

    public static DemoUser ByEmail(string email) => All.Single(u => u.Email == email);

    public static string OtherCounty(DemoUser user) => user.CountyName == WestUusimaa ? SecondCounty : WestUusimaa;
}

namespace PropertyPlatform.Identity.Seed;

/// <summary>The demo group's fixed ids: every service's development seed uses the same estates and units.</summary>
public static class DemoGroup
{
    public static readonly Guid North = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    public static readonly Guid South = Guid.Parse("0197a000-0000-7000-8000-000000000002");

    public static readonly Guid North1101 = Guid.Parse("0197a000-0000-7000-8000-000000000101");
    public static readonly Guid North1102 = Guid.Parse("0197a000-0000-7000-8000-000000000102");
    public static readonly Guid South1101 = Guid.Parse("0197a000-0000-7000-8000-000000000201");

    /// <summary>Reception's owner ids of the two demo owners.</summary>
    public static readonly Guid OwnerLiWei = Guid.Parse("0197a000-0000-7000-8000-000000000301");
    public static readonly Guid OwnerZhangMin = Guid.Parse("0197a000-0000-7000-8000-000000000302");

    /// <summary>Every demo account's password.</summary>
    public const string Password = "Demo-Pass-2026";
}

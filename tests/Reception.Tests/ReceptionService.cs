using PropertyPlatform.TestSupport;

[assembly: AssemblyFixture(typeof(PropertyPlatform.Reception.Tests.ReceptionService))]

namespace PropertyPlatform.Reception.Tests;

/// <summary>The reception service for this test assembly; every test makes its own estate, so tests never collide.</summary>
public sealed class ReceptionService : ServiceUnderTest<Program>
{
    protected override string DatabaseConnectionName => ReceptionServiceExtensions.DatabaseName;

    public override string Audience => ReceptionServiceExtensions.ServiceName;
}

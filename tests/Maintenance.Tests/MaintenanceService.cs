using PropertyPlatform.TestSupport;

[assembly: AssemblyFixture(typeof(PropertyPlatform.Maintenance.Tests.MaintenanceService))]

namespace PropertyPlatform.Maintenance.Tests;

/// <summary>The maintenance service for this test assembly; every test makes its own estate and request ids.</summary>
public class MaintenanceService : ServiceUnderTest<Program>
{
    protected override string DatabaseConnectionName => MaintenanceServiceExtensions.DatabaseName;

    public override string Audience => MaintenanceServiceExtensions.ServiceName;
}

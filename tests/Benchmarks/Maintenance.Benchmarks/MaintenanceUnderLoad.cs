using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Benchmarks;

/// <summary>Maintenance in process, exactly as its integration tests run it: its own database, the real broker, tokens it validates.</summary>
public sealed class MaintenanceUnderLoad : ServiceUnderTest<Program>
{
    protected override string DatabaseConnectionName => MaintenanceServiceExtensions.DatabaseName;

    public override string Audience => MaintenanceServiceExtensions.ServiceName;
}

using Microsoft.AspNetCore.Hosting;

namespace PropertyPlatform.Reception.Tests;

public sealed class ProductionSafetyTests(ReceptionService reception)
{
    [Fact]
    public async Task Production_refuses_to_start_with_the_demo_registry_seed_on()
    {
        await using var production = reception.Factory.WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Reception:SeedDemoData", "true");
        });

        var start = () => production.Server;

        start.Should().Throw<Exception>("demo owners with their phone numbers must not appear in a real registry")
            .Which.ToString().Should().Contain("Reception:SeedDemoData");
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PropertyPlatform.Reception.Data;
using RabbitMQ.Client;

namespace PropertyPlatform.Reception.Tests;

public sealed class HealthTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_covers_the_database_and_the_broker_and_liveness_only_the_process()
    {
        var checks = reception.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        checks.Should().Contain(c => c.Name == nameof(ReceptionDbContext) && c.Tags.Contains("db"), "the database is part of readiness");
        checks.Should().Contain(c => c.Tags.Contains("masstransit"), "MassTransit's bus is part of readiness");
        checks.Should().Contain(c => c.Name == "RabbitMQ.Client", "the broker connection (Aspire.RabbitMQ.Client) is part of readiness");

        var report = await reception.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        report.Status.Should().Be(HealthStatus.Healthy);
        reception.Services.GetRequiredService<IConnection>().IsOpen.Should().BeTrue();

        var client = reception.CreateClient();
        (await client.GetAsync("/health", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/alive", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document_and_a_scalar_page()
    {
        var client = reception.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", Ct);
        (await client.GetAsync("/scalar", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        document.Should().Contain("/api/reception/requests");
    }
}

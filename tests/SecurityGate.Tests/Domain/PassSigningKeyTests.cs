using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.SecurityGate.Features.Passes;

namespace PropertyPlatform.SecurityGate.Tests.Domain;

public sealed class PassSigningKeyTests
{
    [Fact]
    public void Outside_development_the_service_does_not_start_without_a_configured_signing_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });

        FluentActions.Invoking(() => PassSigningKey.AddPassSigningKey(builder))
            .Should().Throw<InvalidOperationException>().WithMessage($"*{PassSigningKey.SettingName} is not set*");
    }

    [Fact]
    public void A_signing_key_that_is_not_P256_is_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        FluentActions.Invoking(() => PassSigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem()))
            .Should().Throw<InvalidOperationException>().WithMessage("*P-256*");
    }
}

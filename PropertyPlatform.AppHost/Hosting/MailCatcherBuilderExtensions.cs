namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// The development mail server: smtp4dev (the <c>Rnwood.Smtp4dev</c> dotnet tool) accepts every message on its SMTP
/// port and keeps it in an inbox shown on its web page, linked from the dashboard. Nothing leaves the machine.
/// </summary>
public sealed class MailCatcherResource(string name) : DotnetToolResource(name, PackageId), IResourceWithConnectionString
{
    public const string PackageId = "Rnwood.Smtp4dev";
    public const string PackageVersion = "3.15.0";
    public const string SmtpEndpointName = "smtp";
    public const string InboxEndpointName = "http";

    public EndpointReference SmtpEndpoint => new(this, SmtpEndpointName);

    public EndpointReference InboxEndpoint => new(this, InboxEndpointName);

    /// <summary>What reception reads as <c>ConnectionStrings:mail</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint=smtp://{SmtpEndpoint.Property(EndpointProperty.Host)}:{SmtpEndpoint.Property(EndpointProperty.Port)}");
}

public static class MailCatcherBuilderExtensions
{
    public static IResourceBuilder<MailCatcherResource> AddMailCatcher(this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new MailCatcherResource(name);
        return builder.AddDotnetTool(resource)
            .WithToolVersion(MailCatcherResource.PackageVersion)
            .WithEndpoint(name: MailCatcherResource.SmtpEndpointName, scheme: "tcp")
            .WithHttpEndpoint(name: MailCatcherResource.InboxEndpointName)
            .WithArgs(context =>
            {
                var smtp = resource.SmtpEndpoint.Property(EndpointProperty.TargetPort);
                var inbox = resource.InboxEndpoint.Property(EndpointProperty.TargetPort);
                context.Args.Add(ReferenceExpression.Create($"--smtpport={smtp}"));
                context.Args.Add(ReferenceExpression.Create($"--urls=http://127.0.0.1:{inbox}"));
                // Loopback only, no IMAP/POP3, messages in memory, no user settings file: a throwaway inbox per run.
                context.Args.Add("--bindaddress=127.0.0.1");
                context.Args.Add("--imapport=");
                context.Args.Add("--pop3port=");
                context.Args.Add("--db=");
                context.Args.Add("--nousersettings");
            })
            .WithUrlForEndpoint(MailCatcherResource.InboxEndpointName, url => url.DisplayText = "Mail inbox")
            .WithHttpHealthCheck("/api/server", endpointName: MailCatcherResource.InboxEndpointName)
            .WithIconName("Mail");
    }
}

using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Notifications;

/// <summary>Settings of the notification sender (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The connection string of the SMTP server: <c>Endpoint=smtp://host:port[;Username=…;Password=…]</c>.</summary>
    public const string MailConnectionName = "mail";

    /// <summary>The sender of every e-mail.</summary>
    public string From { get; set; } = "PropertyPlatform <no-reply@propertyplatform.local>";

    private static readonly TimeSpan[] DefaultRetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>
    /// The waits between a failed attempt and the next (default 1 min, 5 min, 30 min, 2 h); when they are used up the
    /// delivery has failed. (Nullable: the configuration binder would append configured values to a default array.)
    /// </summary>
    public TimeSpan[]? RetryDelays { get; set; }

    public IReadOnlyList<TimeSpan> Retries => RetryDelays is { Length: > 0 } configured ? configured : DefaultRetryDelays;

    /// <summary>How often the sender looks for due deliveries when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>recording</c> (development: records what it would send) or empty (SMS not configured: deliveries fail visibly).</summary>
    public string? SmsProvider { get; set; }
}

/// <summary>Sends one e-mail through the SMTP server of <c>ConnectionStrings:mail</c>.</summary>
public sealed class EmailSender(IConfiguration configuration, IOptions<NotificationOptions> options)
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var settings = new DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString(NotificationOptions.MailConnectionName) ?? "" };
        if (!settings.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var server))
        {
            throw new InvalidOperationException($"No SMTP server is configured (ConnectionStrings:{NotificationOptions.MailConnectionName}).");
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient { Timeout = 30_000 };
        var security = server.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(server.Host, server.Port, security, cancellationToken);
        if (settings.TryGetValue("Username", out var user) && settings.TryGetValue("Password", out var password))
        {
            await client.AuthenticateAsync(Convert.ToString(user, CultureInfo.InvariantCulture) ?? "", Convert.ToString(password, CultureInfo.InvariantCulture) ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>An SMS gateway. A real provider's adapter implements it; none is configured here.</summary>
public interface ISmsProvider
{
    Task SendAsync(string phone, string text, CancellationToken cancellationToken);
}

/// <summary>Where no SMS provider is configured: every SMS fails, and so shows on the desk's list of failed deliveries.</summary>
public sealed class UnconfiguredSmsProvider : ISmsProvider
{
    public Task SendAsync(string phone, string text, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No SMS provider is configured (Notifications:SmsProvider).");
}

/// <summary>The development provider: records what it would send instead of sending it.</summary>
public sealed class RecordingSmsProvider(ILogger<RecordingSmsProvider> logger) : ISmsProvider
{
    private const int Kept = 1000;
    private readonly ConcurrentQueue<RecordedSms> _sent = new();

    public IReadOnlyCollection<RecordedSms> Sent => _sent;

    public Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        _sent.Enqueue(new RecordedSms(phone, text));
        while (_sent.Count > Kept && _sent.TryDequeue(out _))
        {
        }

        // The text may carry personal data: only its length goes to the log.
        logger.LogInformation("SMS to {Phone} recorded, not sent ({Length} characters)", PersonalData.MaskPhone(phone), text.Length);
        return Task.CompletedTask;
    }
}

public sealed record RecordedSms(string Phone, string Text);

public static class NotificationRegistration
{
    /// <summary>The sender and its channels. SMS goes through the recording provider only where configured so (development).</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        builder.Services.AddSingleton<WorkSignal<NotificationSender>>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<RecordingSmsProvider>();
        builder.Services.AddSingleton<ISmsProvider>(sp =>
            sp.GetRequiredService<IOptions<NotificationOptions>>().Value.SmsProvider == "recording"
                ? sp.GetRequiredService<RecordingSmsProvider>()
                : new UnconfiguredSmsProvider());
        builder.Services.AddHostedService<NotificationSender>();
        return builder;
    }
}

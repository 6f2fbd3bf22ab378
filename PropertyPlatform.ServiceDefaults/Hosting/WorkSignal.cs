using System.Threading.Channels;

namespace PropertyPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Wakes the background worker <typeparamref name="TWorker"/> as soon as there is work for it (an import queued, a
/// notification to send), so it need not poll fast. Register it as a singleton.
/// </summary>
public sealed class WorkSignal<TWorker>
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a notification, or at most <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a notification: look anyway (another replica may have queued one).
        }
    }
}

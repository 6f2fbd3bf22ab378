using System.Buffers.Binary;
using System.Security.Cryptography;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// Which completed requests (other than repairs and paid services, which are all called back) get a callback.
/// The draw is a hash of the request id, so anyone can recompute it; a request is sampled when its draw falls under
/// the estate's rate, or when the estate's sample of the month would otherwise fall below it — so at every moment of
/// every month at least the rate (the group's <see cref="Rate"/>, or the higher one the estate manager set) of the
/// month's eligible requests have been sampled, not only on average over the years.
/// </summary>
public static class CallbackSampler
{
    /// <summary>The group's standard: at least 10 % of other request types.</summary>
    public const decimal Rate = 0.10m;

    public const int DrawRange = 10_000;

    public static int Draw(Guid requestId)
    {
        Span<byte> id = stackalloc byte[16];
        requestId.TryWriteBytes(id, bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(id, hash);
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % DrawRange);
    }

    /// <summary>Decides for one more eligible request at <paramref name="rate"/> and counts it in the month's <paramref name="tally"/>.</summary>
    public static bool Decide(Guid requestId, CallbackSampleTally tally, decimal rate, out int draw)
    {
        draw = Draw(requestId);
        var eligible = tally.Eligible + 1;
        var floor = (int)Math.Ceiling(rate * eligible);
        var sampled = draw < rate * DrawRange || tally.Sampled < floor;
        tally.Count(sampled);
        return sampled;
    }
}

/// <summary>An estate's running count, for one estate-local month, of requests eligible for a sampled callback and how many were sampled.</summary>
public sealed class CallbackSampleTally : IEstateOwned
{
    private CallbackSampleTally()
    {
    }

    public Guid EstateId { get; private set; }

    /// <summary>The first day of the estate-local month counted.</summary>
    public DateOnly Month { get; private set; }

    public int Eligible { get; private set; }

    public int Sampled { get; private set; }

    public uint Version { get; private set; }

    public static CallbackSampleTally StartFor(Guid estateId, DateOnly month) => new() { EstateId = estateId, Month = new DateOnly(month.Year, month.Month, 1) };

    internal void Count(bool sampled)
    {
        Eligible++;
        if (sampled)
        {
            Sampled++;
        }
    }
}

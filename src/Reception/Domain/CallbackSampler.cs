using System.Buffers.Binary;
using System.Security.Cryptography;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// Which completed requests (other than repairs and paid services, which are all called back) get a callback.
/// The draw is a hash of the request id, so anyone can recompute it; a request is sampled when its draw falls under
/// the rate, or when the estate's sample would otherwise fall below the rate — so at every moment at least
/// <see cref="Rate"/> of the eligible requests have been sampled, not only on average.
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

    /// <summary>Decides for one more eligible request and counts it in <paramref name="tally"/>.</summary>
    public static bool Decide(Guid requestId, CallbackSampleTally tally, out int draw)
    {
        draw = Draw(requestId);
        var eligible = tally.Eligible + 1;
        var floor = (int)Math.Ceiling(Rate * eligible);
        var sampled = draw < Rate * DrawRange || tally.Sampled < floor;
        tally.Count(sampled);
        return sampled;
    }
}

/// <summary>An estate's running count of requests eligible for a sampled callback, and how many were sampled.</summary>
public sealed class CallbackSampleTally : IEstateOwned
{
    private CallbackSampleTally()
    {
    }

    public Guid EstateId { get; private set; }

    public int Eligible { get; private set; }

    public int Sampled { get; private set; }

    public uint Version { get; private set; }

    public static CallbackSampleTally StartFor(Guid estateId) => new() { EstateId = estateId };

    internal void Count(bool sampled)
    {
        Eligible++;
        if (sampled)
        {
            Sampled++;
        }
    }
}

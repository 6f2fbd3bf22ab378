using System.Text.RegularExpressions;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features;

/// <summary>Reading trades, posts and estate lists from requests, the same way for staff files, certifications and rosters.</summary>
internal static partial class DutyInput
{
    /// <summary>A post name: lower-case words joined by dashes (<c>gate</c>, <c>patrol</c>, <c>front-desk</c>).</summary>
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex PostName();

    /// <summary>Exactly one of <paramref name="trade"/> and <paramref name="post"/>, as a duty.</summary>
    public static Duty Duty(this InputErrors errors, string? trade, string? post)
    {
        trade = string.IsNullOrWhiteSpace(trade) ? null : trade.Trim();
        post = string.IsNullOrWhiteSpace(post) ? null : post.Trim();
        if ((trade is null) == (post is null))
        {
            errors.Add(trade is null ? "trade" : "post", "Give exactly one of trade (technicians) and post (gate, patrol, front desk...).");
            return default;
        }

        if (trade is not null)
        {
            errors.Trade(trade, "trade");
            return Domain.Duty.Trade(trade);
        }

        if (post!.Length > 50 || !PostName().IsMatch(post))
        {
            errors.Add("post", "Must be lower-case words joined by dashes, at most 50 characters (e.g. gate, front-desk).");
        }

        return Domain.Duty.Post(post);
    }

    public static void Trade(this InputErrors errors, string trade, string field)
    {
        if (!PlatformTrades.All.Contains(trade))
        {
            errors.Add(field, $"'{trade}' is not one of: {string.Join(", ", PlatformTrades.All)}.");
        }
    }

    public static string[] Trades(this InputErrors errors, string[]? trades, string field)
    {
        var list = (trades ?? []).Select(t => t?.Trim() ?? "").Distinct().ToArray();
        foreach (var trade in list)
        {
            errors.Trade(trade, field);
        }

        return list;
    }

    /// <summary>The estates a person works in, with the home estate among them.</summary>
    public static (Guid Home, Guid[] All) Estates(this InputErrors errors, Guid? homeEstateId, Guid[]? estateIds)
    {
        var home = errors.Id(homeEstateId, "homeEstateId");
        var all = (estateIds ?? []).Distinct().ToArray();
        if (all.Length == 0 || all.Contains(Guid.Empty))
        {
            errors.Add("estateIds", "Required: the ids of the estates the person works in.");
        }
        else if (all.Length > 50)
        {
            errors.Add("estateIds", "At most 50 estates.");
        }
        else if (home != Guid.Empty && !all.Contains(home))
        {
            errors.Add("homeEstateId", "Must be one of estateIds.");
        }

        return (home, all);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class CallbackSampleTallyConfiguration : IEntityTypeConfiguration<CallbackSampleTally>
{
    public void Configure(EntityTypeBuilder<CallbackSampleTally> tally)
    {
        tally.ToTable("callback_sample_tallies");
        tally.HasKey(t => new { t.EstateId, t.Month });
        // Two completions counted at once would lose one: the second save fails and is retried.
        tally.Property(t => t.Version).IsRowVersion();
    }
}

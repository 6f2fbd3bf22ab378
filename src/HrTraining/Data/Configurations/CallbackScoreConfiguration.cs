using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class CallbackScoreConfiguration : IEntityTypeConfiguration<CallbackScore>
{
    public void Configure(EntityTypeBuilder<CallbackScore> score)
    {
        score.ToTable("callback_scores");
        // One per callback: a redelivered or repeated outcome updates it rather than counting twice.
        score.HasKey(s => s.CallbackId);
        score.Property(s => s.CallbackId).ValueGeneratedNever();
        score.HasIndex(s => new { s.StaffId, s.CalledAt });
    }
}

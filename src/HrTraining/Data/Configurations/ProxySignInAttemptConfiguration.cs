using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Data.Configurations;

internal sealed class ProxySignInAttemptConfiguration : IEntityTypeConfiguration<ProxySignInAttempt>
{
    public void Configure(EntityTypeBuilder<ProxySignInAttempt> attempt)
    {
        attempt.ToTable("proxy_sign_in_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.DeviceId).HasMaxLength(100);
        attempt.Property(a => a.Action).HasMaxLength(16);
        attempt.Property(a => a.Reason).HasConversion<string>().HasMaxLength(32);
        attempt.HasIndex(a => new { a.EstateId, a.AttemptedAt, a.Id });
    }
}

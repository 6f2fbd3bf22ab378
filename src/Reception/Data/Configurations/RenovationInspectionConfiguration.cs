using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class RenovationInspectionConfiguration : IEntityTypeConfiguration<RenovationInspection>
{
    public void Configure(EntityTypeBuilder<RenovationInspection> inspection)
    {
        inspection.ToTable("renovation_inspections");
        inspection.HasKey(i => i.Id);
        // Assigned by the permit: a new inspection found through the navigation is an insert.
        inspection.Property(i => i.Id).ValueGeneratedNever();
        inspection.Property(i => i.By).HasMaxLength(200);
        inspection.Property(i => i.Findings).HasMaxLength(4000);
        inspection.HasIndex(i => new { i.PermitId, i.At });
    }
}

using System.Collections.Immutable;
using MapsterMapper;
using PesanAI.Domain.Tenants;
using PesanAI.Host.Mapping;

namespace PesanAI.FunctionalTests;

public sealed class MappingTests
{
    [Fact]
    public void The_mapster_configuration_compiles()
    {
        var config = ProtoMapping.Build();

        config.Compile();
    }

    [Fact]
    public void A_tenant_maps_with_its_repeated_fields_timestamps_and_state_and_without_secrets()
    {
        var at = new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero);
        var tenant = new Tenant(
            Guid.CreateVersion7(),
            "Toko",
            "Asia/Jakarta",
            "id",
            TenantStatus.Suspended,
            "unpaid",
            new BusinessProfile("about", "desc", "addr", "a@b.example", ["https://a.example", "https://b.example"], "RETAIL"),
            ImmutableList.Create(new RegisteredPhoneNumber("123", "+6281234567890", "456", "cipher-token", "cipher-secret", "hash", "Sales", at)),
            at,
            at.AddHours(1)) { Version = 7 };

        var proto = new Mapper(ProtoMapping.Build()).Map<PesanAI.Protos.Tenants.V1.Tenant>(tenant);

        Assert.Equal(tenant.Id.ToString(), proto.Id);
        Assert.Equal(PesanAI.Protos.Tenants.V1.TenantState.Suspended, proto.State);
        Assert.Equal("unpaid", proto.SuspensionReason);
        Assert.Equal(["https://a.example", "https://b.example"], proto.BusinessProfile.Websites);
        Assert.Equal("RETAIL", proto.BusinessProfile.Vertical);
        var number = Assert.Single(proto.PhoneNumbers);
        Assert.Equal("+6281234567890", number.DisplayPhoneNumber);
        Assert.Equal(at, number.RegisterTime.ToDateTimeOffset());
        Assert.Equal(at.AddHours(1), proto.UpdateTime.ToDateTimeOffset());
        Assert.Equal(7, proto.Version);
        Assert.DoesNotContain("cipher", proto.ToString(), StringComparison.Ordinal);
    }
}

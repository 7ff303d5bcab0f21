using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Staff;

public static class StaffRegistration
{
    public static IServiceCollection AddStaff(this IServiceCollection services) => services
        .AddCosmosContainer(StaffStore.StaffDefinition)
        .AddCosmosContainer(StaffStore.AssignmentsDefinition)
        .AddSingleton<StaffStore>()
        .AddSingleton<IPhoneScopedData>(sp => sp.GetRequiredService<StaffStore>())
        .AddSingleton<StaffService>()
        .AddSingleton<PhoneStaffService>();
}

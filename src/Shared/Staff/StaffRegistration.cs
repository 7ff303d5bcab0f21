using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Cosmos;

namespace MultiPhone.Staff;

public static class StaffRegistration
{
    public static IServiceCollection AddStaff(this IServiceCollection services) => services
        .AddCosmosContainer(StaffStore.StaffDefinition)
        .AddCosmosContainer(StaffStore.AssignmentsDefinition)
        .AddSingleton<StaffStore>()
        .AddSingleton<StaffService>()
        .AddSingleton<PhoneStaffService>();
}

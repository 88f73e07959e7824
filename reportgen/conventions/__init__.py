"""Indonesian and official conventions: dates, numbers, rupiah, NIP, pangkat, areas, schedules."""

# Prints, for each benchmark without components in the weight files given, its file, its name
# and its fitted time over its fastest run's ("Minimum execution time"): how far the repeats
# were spread by whatever else the machine was doing.
/fn [a-z_0-9]+\(\) -> Weight/ {
	match($0, /fn [a-z_0-9]+/)
	name = substr($0, RSTART + 3, RLENGTH - 3)
	fastest = 0
	next
}
/fn [a-z_0-9]+\(.+\) -> Weight/ { name = ""; next }
name != "" && /Minimum execution time:/ {
	v = $0
	gsub(/[^0-9]/, "", v)
	fastest = v + 0
	next
}
name != "" && fastest > 0 && /Weight::from_parts\(/ {
	v = $0
	sub(/.*from_parts\(/, "", v)
	sub(/,.*/, "", v)
	gsub(/_/, "", v)
	printf "%s %s %.2f\n", FILENAME, name, v / fastest
	name = ""
}
# The overhead files (empty blocks, blocks of remarks) take the average over their runs, which
# one stalled run moves: their ratio is that average over the fastest run, named "overhead".
/\/\/\/   Min, Max: / {
	v = $0
	sub(/.*Min, Max: /, "", v)
	sub(/,.*/, "", v)
	gsub(/_/, "", v)
	overhead_min = v + 0
	next
}
overhead_min > 0 && /\/\/\/   Average: / {
	v = $0
	gsub(/[^0-9]/, "", v)
	printf "%s overhead %.2f\n", FILENAME, v / overhead_min
	overhead_min = 0
}

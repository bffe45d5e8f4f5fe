# Class-data sharing for the JVMs Jocker starts: sourced by ./jocker and
# ./jockerd, and run by the build (solutions/dist, phase package).
#
# A JVM spends most of its start reading, parsing and verifying classes: a
# quick jocker command loads about 2,000. A class-data archive holds them
# ready to map. It is made by a training run (jocker.cli.Training: the
# classes the CLI, the init and the shim load, without running a container;
# on JDK 17, as root, with the list of a rehearsal's init added: cds_rehearse)
# and is valid only for the JDK build and the exact class path (jocker.jar,
# the same file) it was made with: one per JDK, under
# solutions/dist/target/cds/<java.runtime.version>/.
#   JDK 24 and later: an AOT cache (JEP 483), which also keeps the classes
#     linked and some objects built: -XX:AOTMode=record, then create.
#   Earlier JDKs: a static AppCDS archive (-XX:DumpLoadedClassList, then
#     -Xshare:dump). Not the simpler dynamic one (-XX:ArchiveClassesAtExit):
#     JDK 17 leaves out of a dynamic archive the classes compiled for Java 5,
#     and picocli's 170 are.
# The build makes the archive of the JDK it runs on; the launcher makes
# that of any other JDK the first time it runs on it (a few seconds, once).

# cds_setup JAVA_HOME JAR CDS_ROOT [quick]: sets cds_opts, the options that start a
# JVM of JAVA_HOME on class path JAR from its archive, making the archive if
# there is none or the jar is newer. Without archive options when none can be made (no
# CDS in that JDK, a read-only directory) or when JOCKER_CDS=off.
# quick, on JDK 24 and later: the JVM of a quick command (ps, inspect, rm,
# --version) starts from an AOT cache of its own, trained on those commands
# alone (quick.aot): a JVM loads every class of an AOT cache as it starts,
# and `jocker ps` took 259 ms from a cache of the quick commands' classes
# (15 MB) against 361 ms from the whole one (41 MB). The JVMs it starts get
# the whole one (-Djocker.cds).
cds_mapping="-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
cds_setup() {
  cds_opts=
  cds_version= cds_feature=
  [ -r "$1/release" ] || return 0
  while IFS='=' read -r key value; do
    case "$key" in
      JAVA_RUNTIME_VERSION) cds_version=${value#\"}; cds_version=${cds_version%\"} ;;
      JAVA_VERSION) cds_feature=${value#\"}; cds_feature=${cds_feature%%[.\"]*} ;;
    esac
    # Both are near the top; the shell reads a byte per read(2), and MODULES is long.
    [ -n "$cds_version" ] && [ -n "$cds_feature" ] && break
  done < "$1/release"
  [ -n "$cds_version" ] && [ -n "$cds_feature" ] || return 0
  # Not class data, but known here: from JDK 22 on, JNA's first native call
  # warns on stderr ("restricted method") unless native access is allowed.
  [ "$cds_feature" -ge 22 ] && cds_opts="--enable-native-access=ALL-UNNAMED"
  [ "${JOCKER_CDS:-}" != off ] || return 0
  if [ "$cds_feature" -ge 24 ]; then
    cds_archive="$3/$cds_version/jocker.aot"
  else
    cds_archive="$3/$cds_version/jocker.jsa"
  fi
  if cds_stale "$cds_archive" "$2" && cds_stale "$cds_archive.failed" "$2"; then
    cds_train "$1/bin/java" "$2" "$cds_archive" || return 0
  fi
  [ -f "$cds_archive" ] || return 0
  cds_mapped=$cds_archive
  if [ "${4:-}" = quick ] && [ "$cds_feature" -ge 24 ]; then
    cds_quick="$3/$cds_version/quick.aot"
    if cds_stale "$cds_quick" "$2" && cds_stale "$cds_quick.failed" "$2"; then
      cds_train "$1/bin/java" "$2" "$cds_quick" quick
    fi
    [ ! -f "$cds_quick" ] || cds_mapped=$cds_quick
  fi
  if [ "$cds_feature" -ge 24 ]; then
    cds_opts="$cds_opts -XX:AOTCache=$cds_mapped -Xlog:aot*=off,cds*=off"
  else
    cds_opts="$cds_opts -Xshare:auto -XX:SharedArchiveFile=$cds_archive -Xlog:cds*=off"
  fi
  # Map the archive where it was made to be mapped. This JDK's default
  # (ArchiveRelocationMode=1, JDK 20's, which Debian's 17 has too) maps it
  # elsewhere and rewrites every pointer in it: 0.1 s of each JVM's start
  # for Jocker's 35 MB archive. Mode 0 relocates only if that address is
  # taken; the price is an archive at a predictable address (see the
  # book's chapter 1). Not for an AOT cache: JDK 25 started 60 to 80 ms
  # slower with mode 0 than with its default.
  [ "$cds_feature" -ge 24 ] || cds_opts="$cds_opts $cds_mapping"
  # For the JVMs the CLI starts: the init, exec's init, the monitor (InitLauncher): the whole archive.
  cds_opts="$cds_opts -Djocker.cds=$cds_archive"
}

# cds_stale FILE JAR: true if FILE is missing or JAR is newer.
cds_stale() {
  [ -f "$1" ] || return 0
  [ "$2" -nt "$1" ]
}

# cds_train JAVA JAR ARCHIVE [quick]: the training run, into a file of this process
# renamed into place at the end: concurrent first runs each make a whole
# archive and the last rename wins; none ever reads half of one. Its output
# goes to training.log beside it. A JDK that cannot make one leaves
# ARCHIVE.failed, so that the next runs do not try again until a jar changes.
# quick (an AOT cache only): Training's quick commands alone (see cds_setup).
cds_train() {
  cds_role=${4:-}
  cds_dir=$(dirname "$3")
  mkdir -p "$cds_dir" 2>/dev/null || return 1
  cds_tmp="$3.$$"
  cds_common="-XX:+UseSerialGC -XX:-UsePerfData"
  [ "$cds_feature" -ge 22 ] && cds_common="$cds_common --enable-native-access=ALL-UNNAMED"
  if [ "$cds_feature" -ge 24 ]; then
    cds_record="-XX:AOTMode=record -XX:AOTConfiguration=$cds_tmp.conf"
    cds_create="-XX:AOTMode=create -XX:AOTConfiguration=$cds_tmp.conf -XX:AOTCache=$cds_tmp"
  else
    cds_record="-XX:DumpLoadedClassList=$cds_tmp.classes"
    cds_create="-Xshare:dump -XX:SharedClassListFile=$cds_tmp.classes -XX:SharedArchiveFile=$cds_tmp"
  fi
  # The options unquoted, to split them (a path with a space has no archive).
  # JDK 17's list gets the rehearsal's too; if the archive cannot be made with
  # it, it is made from the training's alone.
  if ("$1" $cds_record $cds_common -cp "$2" jocker.cli.Training $cds_role \
      && { [ "$cds_feature" -ge 24 ] || cds_rehearse "$1" "$2" "$cds_tmp"; } \
      && { "$1" $cds_create $cds_common -cp "$2" jocker.cli.Training $cds_role \
        || { [ -f "$cds_tmp.trained" ] && mv -f "$cds_tmp.trained" "$cds_tmp.classes" \
          && "$1" $cds_create $cds_common -cp "$2" jocker.cli.Training; }; }) >"$cds_tmp.log" 2>&1 \
      && [ -s "$cds_tmp" ] && cds_check "$1" "$2" "$cds_tmp" "$cds_role" >>"$cds_tmp.log" 2>&1; then
    mv -f "$cds_tmp" "$3" && rm -f "$3.failed"
    [ "$cds_feature" -ge 24 ] || [ -n "$cds_role" ] || cds_own "$1" "$2" "$cds_tmp" monitor >>"$cds_tmp.log" 2>&1
  else
    : >"$3.failed"
  fi
  mv -f "$cds_tmp.log" "$cds_dir/training${cds_role:+-$cds_role}.log" 2>/dev/null
  rm -f "$cds_tmp" "$cds_tmp.conf" "$cds_tmp.classes" "$cds_tmp.trained" "$cds_tmp.monitor.classes"
  [ -f "$3" ]
}

# cds_own JAVA JAR TMP NAME (JDK 17): the archive of a JVM that maps one of its
# own (InitLauncher.OWN_ARCHIVES: the monitor, NAME monitor), NAME.jsa beside
# the whole one, made from the class list that JVM wrote in the rehearsal
# (TMP.NAME.classes). A JVM keeps the pages it touched of the archive it maps,
# and the monitor runs as long as containers do. Without that list (not root,
# no container could run) none is made, a stale one is removed, and the
# monitor maps the whole archive.
cds_own() {
  cds_own_file="$cds_dir/$4.jsa"
  rm -f "$cds_own_file"
  if [ ! -s "$3.$4.classes" ]; then
    echo "$4: no class list from the rehearsal; it maps the whole archive"
    return 0
  fi
  # Checked as it will be used: sharing required, this class path, mapped at its address.
  if "$1" -Xshare:dump -XX:SharedClassListFile="$3.$4.classes" -XX:SharedArchiveFile="$cds_own_file.$$" \
      $cds_common -cp "$2" >/dev/null \
      && "$1" -Xshare:on -XX:SharedArchiveFile="$cds_own_file.$$" $cds_mapping $cds_common -cp "$2" -version; then
    mv -f "$cds_own_file.$$" "$cds_own_file"
    echo "$4: an archive of its own, $(wc -l <"$3.$4.classes") classes listed"
  else
    rm -f "$cds_own_file.$$"
    echo "$4: its archive could not be made; it maps the whole archive"
  fi
}

# cds_rehearse JAVA JAR TMP: as root, one `run --rm busybox true` in a state
# directory of its own, whose init JVMs list the classes they load
# (InitLauncher's jocker.cds.classlists): what an init loads after its zygote
# is taken (its steps' lambdas, JNA's structures), which Training cannot run
# without a container. Those lists are added to TMP.classes (the training's
# kept as TMP.trained). Then one `run -d --rm busybox true`, whose monitor
# lists its classes until it exits, idle: TMP.monitor.classes, for the
# monitor's own archive (cds_own). Nothing is added where no container can
# run: not root, no namespaces, no busybox. Always succeeds.
cds_rehearse() {
  [ "$(id -u)" = 0 ] || return 0
  cds_stage="$3.rehearsal"
  mkdir -p "$cds_stage/lists" && cp "$3.classes" "$3.trained" || return 0
  # The state directory under /tmp: the monitor's socket path must fit sockaddr_un's 108 bytes.
  cds_root=$(mktemp -d /tmp/jocker-rehearsal.XXXXXX) || return 0
  cds_jocker="$1 $cds_common -Djocker.cds.classlists=$cds_stage/lists -cp $2 jocker.cli.Jocker --root $cds_root"
  if timeout 60 $cds_jocker run --rm busybox true </dev/null; then
    if timeout 60 $cds_jocker run -d --rm busybox true </dev/null >/dev/null; then
      # The monitor exits once idle (ContainerMonitor.IDLE), its socket removed first; its list is whole then.
      cds_wait=0
      while [ -e "$cds_root/monitor.sock" ] && [ $cds_wait -lt 150 ]; do
        sleep 0.1
        cds_wait=$((cds_wait + 1))
      done
      sleep 0.5
    fi
    for list in "$cds_stage"/lists/*.classes; do
      [ -s "$list" ] || continue
      # A JVM that was killed (an unused zygote) may have left half a line.
      [ -z "$(tail -c 1 "$list")" ] || sed -i '$d' "$list"
      case "${list##*/}" in
        ContainerMonitor-*) cat "$list" >>"$3.monitor.classes" ;;
        *) cat "$list" >>"$3.classes" ;;
      esac
    done
    echo "rehearsal: $(cat "$3.classes" | wc -l) classes in the list, the inits' added;" \
      "$(cat "$3.monitor.classes" 2>/dev/null | wc -l) listed by the monitor"
  else
    echo "rehearsal: no container ran; the archive holds the training's classes alone"
  fi
  # Cut short (a timeout) or failed: what it made is undone by jocker's own rm -f (mounts, cgroup).
  cds_left=$("$1" $cds_common -cp "$2" jocker.cli.Jocker --root "$cds_root" ps -aq 2>/dev/null)
  [ -z "$cds_left" ] || "$1" $cds_common -cp "$2" jocker.cli.Jocker --root "$cds_root" rm -f $cds_left
  rm -rf "$cds_stage"
  # Left in place if something is still mounted there: rm -rf would reach into the mount.
  grep -q " $cds_root/" /proc/self/mountinfo || rm -rf "$cds_root"
  return 0
}

# cds_check JAVA JAR ARCHIVE [quick]: the archive works as the init will use it: with
# sharing required (the JVM refuses to start otherwise), the init, run with no
# bundle, maps its class from the archive and prints its usage line and nothing
# else (a JVM warning there would land in every container's output). A quick
# one: jocker --version maps jocker.cli.Jocker from it and prints the version alone.
cds_check() {
  if [ "$cds_feature" -ge 24 ]; then
    cds_use="-XX:AOTMode=on -XX:AOTCache=$3 -Xlog:aot*=off,cds*=off"
  else
    cds_use="-Xshare:on -XX:SharedArchiveFile=$3 -Xlog:cds*=off"
  fi
  if [ "${4:-}" = quick ]; then
    cds_class=jocker.cli.Jocker cds_args=--version cds_said="jocker *"
  else
    cds_class=jocker.runtime.Init cds_args= cds_said="jocker-init: usage: Init <bundle directory>"
  fi
  cds_out=$("$1" $cds_use $cds_common -Xlog:class+load=info:file="$3.loaded" -cp "$2" \
    $cds_class $cds_args 2>&1)
  cds_loaded=$(grep -c " $cds_class source: shared objects file" "$3.loaded")
  rm -f "$3.loaded"
  echo "check: $cds_class $cds_args said: $cds_out; $cds_class from the archive: $cds_loaded"
  # shellcheck disable=SC2254 # cds_said is a pattern
  case "$cds_out" in $cds_said) [ "$cds_loaded" = 1 ] ;; *) false ;; esac
}

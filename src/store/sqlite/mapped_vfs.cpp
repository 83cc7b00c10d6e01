// The mapped VFS: the default VFS with main database files read through memory mappings kept for
// the life of the process's connections to them (see mapped_vfs.h for why and the rules).
#include "store/sqlite/mapped_vfs.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace haven::store::sqlite {

namespace {

thread_local MappedReads tl_reads;

// The file is mapped in regions that double from 1 MiB to 64 MiB and then stay at 64 MiB:
// [0, 1), [1, 2), [2, 4), … [32, 64), [64, 128), [128, 192), … MiB. Small files (a test's, a new
// municipality's) are mapped almost whole, a large one in a few hundred mappings.
constexpr size_t kMiB = size_t{1} << 20;
constexpr size_t kDoubling = 7;  // regions below 64 MiB
constexpr size_t kLargest = 64 * kMiB;
constexpr size_t kMaxRegions = 4096;  // files up to about 256 GiB; reads past that are passed on

size_t region_of(size_t offset) {
  if (offset < kMiB) return 0;
  if (offset < kLargest) return static_cast<size_t>(std::bit_width(offset / kMiB));
  return kDoubling + (offset - kLargest) / kLargest;
}
size_t region_start(size_t r) {
  if (r == 0) return 0;
  if (r <= kDoubling) return kMiB << (r - 1);
  return kLargest * (r - kDoubling + 1);
}
size_t region_size(size_t r) {
  return r == 0 ? kMiB : r < kDoubling ? kMiB << (r - 1) : kLargest;
}

// One database file's mappings in this process, shared by every connection to it.
class FileMap {
 public:
  explicit FileMap(int fd) : fd_(fd), regions_(new std::atomic<char*>[kMaxRegions]) {
    for (size_t i = 0; i < kMaxRegions; ++i) regions_[i].store(nullptr, std::memory_order_relaxed);
  }
  FileMap(const FileMap&) = delete;
  FileMap& operator=(const FileMap&) = delete;
  ~FileMap() {
    for (size_t r = 0; r < mapped_; ++r)
      munmap(regions_[r].load(std::memory_order_relaxed), region_size(r));
    close(fd_);
  }

  // Copies [offset, offset + n) into `out` if a usable region holds all of it.
  bool read(void* out, size_t n, size_t offset) const {
    const char* from = fetch(n, offset);
    if (from == nullptr) return false;
    std::memcpy(out, from, n);
    return true;
  }

  // Where [offset, offset + n) lies in a usable region, for SQLite to read in place; null if
  // no usable region holds all of it.
  const char* fetch(size_t n, size_t offset) const {
    const size_t r = region_of(offset);
    if (r >= usable_.load(std::memory_order_acquire)) return nullptr;
    const size_t within = offset - region_start(r);
    if (within + n > region_size(r)) return nullptr;
    const char* base = regions_[r].load(std::memory_order_acquire);
    return base == nullptr ? nullptr : base + within;
  }

  // Maps the regions the file has grown into; stops reading those past its end if it shrank.
  void refresh() {
    struct stat st {};
    if (fstat(fd_, &st) != 0) {
      usable_.store(0, std::memory_order_release);
      return;
    }
    const size_t size = static_cast<size_t>(st.st_size);
    // The regions wholly inside the file: those before the one its end falls in.
    const size_t whole = std::min(region_of(size), kMaxRegions);
    if (whole == usable_.load(std::memory_order_acquire)) return;
    std::lock_guard<std::mutex> lock(mutex_);
    while (mapped_ < whole) {
      void* p = mmap(nullptr, region_size(mapped_), PROT_READ, MAP_SHARED, fd_,
                     static_cast<off_t>(region_start(mapped_)));
      if (p == MAP_FAILED) break;  // reads past the last mapped region are passed on
      regions_[mapped_].store(static_cast<char*>(p), std::memory_order_release);
      ++mapped_;
    }
    // A region past the end stays mapped (a reader may still be copying from it) but is not read
    // again: touching its pages past the end of the file would raise SIGBUS.
    usable_.store(std::min(whole, mapped_), std::memory_order_release);
  }

  int users = 0;  // connections holding it; guarded by the registry's mutex

 private:
  const int fd_;
  std::unique_ptr<std::atomic<char*>[]> regions_;
  std::mutex mutex_;
  size_t mapped_ = 0;              // regions mapped, guarded by mutex_
  std::atomic<size_t> usable_{0};  // regions wholly inside the file at the last refresh
};

// Every file mapped in this process, by device and inode.
class Registry {
 public:
  // The file's map for a connection that has just opened `path`; null if it cannot be mapped.
  // Its own descriptor is opened only for the first connection: closing a second one would drop
  // every POSIX lock this process holds on the file (close(2) releases them all, whichever
  // descriptor took them), and other connections may hold some. With no connection of this
  // process on the file yet, there is no lock to lose.
  FileMap* acquire(const char* path) {
    struct stat named {};
    if (stat(path, &named) != 0 || !S_ISREG(named.st_mode)) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    std::unique_ptr<FileMap>& map = maps_[{named.st_dev, named.st_ino}];
    if (!map) {
      const int fd = open(path, O_RDONLY | O_CLOEXEC);
      struct stat opened {};
      if (fd < 0 || fstat(fd, &opened) != 0 || opened.st_dev != named.st_dev ||
          opened.st_ino != named.st_ino) {
        if (fd >= 0) close(fd);  // the path was replaced in between: read through the default VFS
        maps_.erase({named.st_dev, named.st_ino});
        return nullptr;
      }
      map = std::make_unique<FileMap>(fd);
    }
    ++map->users;
    return map.get();
  }

  void release(FileMap* released) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = maps_.begin(); it != maps_.end(); ++it) {
      if (it->second.get() != released) continue;
      if (--released->users == 0) maps_.erase(it);  // unmaps and closes the descriptor
      return;
    }
  }

 private:
  std::mutex mutex_;
  std::map<std::pair<dev_t, ino_t>, std::unique_ptr<FileMap>> maps_;
};

Registry& registry() {
  static Registry* r = new Registry();  // never destroyed: connections may close during exit
  return *r;
}

// The VFS object, registered with SQLite for the life of the process.
struct MappedVfs {
  sqlite3_vfs vfs;  // first: SQLite hands back a pointer to it
  sqlite3_vfs* base = nullptr;
};

// An open file: a main database file's map and the default VFS's file, which follows it in
// memory (szOsFile is the sum of both).
struct MappedFile {
  sqlite3_file file;  // first: pMethods
  FileMap* map;
  // SQLite's mmap_size for the connection (SQLITE_FCNTL_MMAP_SIZE): above 0, its pager reads
  // pages in place through xFetch, which this VFS answers from its own regions whatever the size.
  sqlite3_int64 mmap_size;
  sqlite3_file* base() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};
static_assert(sizeof(MappedFile) % 8 == 0, "the default VFS's file follows, aligned");

MappedFile* as_mapped(sqlite3_file* f) {
  return reinterpret_cast<MappedFile*>(f);
}
sqlite3_file* base_of(sqlite3_file* f) {
  return as_mapped(f)->base();
}

int mapped_close(sqlite3_file* f) {
  MappedFile* m = as_mapped(f);
  const int rc = m->base()->pMethods->xClose(m->base());
  // After the default VFS's close: its descriptor (and locks) first, then this VFS's descriptor,
  // which the registry closes only when no other connection has the file open.
  if (m->map != nullptr) registry().release(m->map);
  m->map = nullptr;
  return rc;
}

int mapped_read(sqlite3_file* f, void* out, int n, sqlite3_int64 offset) {
  MappedFile* m = as_mapped(f);
  if (m->map != nullptr && n > 0 && offset >= 0 &&
      m->map->read(out, static_cast<size_t>(n), static_cast<size_t>(offset))) {
    ++tl_reads.mapped;
    return SQLITE_OK;
  }
  ++tl_reads.passed;
  return m->base()->pMethods->xRead(m->base(), out, n, offset);
}

int mapped_write(sqlite3_file* f, const void* in, int n, sqlite3_int64 offset) {
  return base_of(f)->pMethods->xWrite(base_of(f), in, n, offset);
}
int mapped_truncate(sqlite3_file* f, sqlite3_int64 size) {
  const int rc = base_of(f)->pMethods->xTruncate(base_of(f), size);
  if (as_mapped(f)->map != nullptr) as_mapped(f)->map->refresh();
  return rc;
}
int mapped_sync(sqlite3_file* f, int flags) {
  return base_of(f)->pMethods->xSync(base_of(f), flags);
}
int mapped_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return base_of(f)->pMethods->xFileSize(base_of(f), size);
}
int mapped_lock(sqlite3_file* f, int level) {
  const int rc = base_of(f)->pMethods->xLock(base_of(f), level);
  // A transaction begins (outside WAL mode): the file may have grown or shrunk since the last.
  if (rc == SQLITE_OK && level == SQLITE_LOCK_SHARED && as_mapped(f)->map != nullptr)
    as_mapped(f)->map->refresh();
  return rc;
}
int mapped_unlock(sqlite3_file* f, int level) {
  return base_of(f)->pMethods->xUnlock(base_of(f), level);
}
int mapped_check_reserved_lock(sqlite3_file* f, int* out) {
  return base_of(f)->pMethods->xCheckReservedLock(base_of(f), out);
}
int mapped_file_control(sqlite3_file* f, int op, void* arg) {
  // The memory-mapping size is this VFS's business: passed on, the default VFS would map the
  // file itself (up to Debian's 2 GB cap) and make those mappings anew whenever the file grew.
  if (op == SQLITE_FCNTL_MMAP_SIZE && as_mapped(f)->map != nullptr) {
    auto* size = static_cast<sqlite3_int64*>(arg);
    const sqlite3_int64 previous = as_mapped(f)->mmap_size;
    if (*size >= 0) as_mapped(f)->mmap_size = *size;
    *size = previous;
    return SQLITE_OK;
  }
  return base_of(f)->pMethods->xFileControl(base_of(f), op, arg);
}
int mapped_sector_size(sqlite3_file* f) {
  return base_of(f)->pMethods->xSectorSize(base_of(f));
}
int mapped_device_characteristics(sqlite3_file* f) {
  return base_of(f)->pMethods->xDeviceCharacteristics(base_of(f));
}
int mapped_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return base_of(f)->pMethods->xShmMap(base_of(f), region, size, extend, out);
}
int mapped_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  const int rc = base_of(f)->pMethods->xShmLock(base_of(f), offset, n, flags);
  // A WAL transaction begins with a shared lock on a read mark: refresh as mapped_lock() does.
  if (rc == SQLITE_OK && (flags & SQLITE_SHM_LOCK) != 0 && (flags & SQLITE_SHM_SHARED) != 0 &&
      as_mapped(f)->map != nullptr)
    as_mapped(f)->map->refresh();
  return rc;
}
void mapped_shm_barrier(sqlite3_file* f) {
  base_of(f)->pMethods->xShmBarrier(base_of(f));
}
int mapped_shm_unmap(sqlite3_file* f, int delete_flag) {
  return base_of(f)->pMethods->xShmUnmap(base_of(f), delete_flag);
}
// A page read in place: a pointer into a region, which stays mapped while any connection of the
// process has the file open (SQLite gives it back with xUnfetch, and nothing is to be done then).
// Null (SQLite then reads the page with xRead) where no usable region holds it.
int mapped_fetch(sqlite3_file* f, sqlite3_int64 offset, int n, void** out) {
  MappedFile* m = as_mapped(f);
  if (m->map == nullptr) return m->base()->pMethods->xFetch(m->base(), offset, n, out);
  *out = nullptr;
  if (m->mmap_size <= 0 || n <= 0 || offset < 0) return SQLITE_OK;
  const char* page = m->map->fetch(static_cast<size_t>(n), static_cast<size_t>(offset));
  if (page != nullptr) {
    *out = const_cast<char*>(page);  // SQLite's signature; the mapping is read-only
    ++tl_reads.fetched;
  }
  return SQLITE_OK;
}
int mapped_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
  if (as_mapped(f)->map == nullptr) return base_of(f)->pMethods->xUnfetch(base_of(f), offset, p);
  return SQLITE_OK;
}

constexpr const char* kName = "haven-mapped";

const sqlite3_io_methods kMethods = {
    3,
    mapped_close,
    mapped_read,
    mapped_write,
    mapped_truncate,
    mapped_sync,
    mapped_file_size,
    mapped_lock,
    mapped_unlock,
    mapped_check_reserved_lock,
    mapped_file_control,
    mapped_sector_size,
    mapped_device_characteristics,
    mapped_shm_map,
    mapped_shm_lock,
    mapped_shm_barrier,
    mapped_shm_unmap,
    mapped_fetch,
    mapped_unfetch,
};

int mapped_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags,
                int* out_flags) {
  const MappedVfs* self = reinterpret_cast<const MappedVfs*>(vfs);
  // Journals, WAL files and temporary databases are the default VFS's own: it opens them in
  // place and SQLite calls its methods directly.
  if ((flags & SQLITE_OPEN_MAIN_DB) == 0 || name == nullptr)
    return self->base->xOpen(self->base, name, f, flags, out_flags);
  MappedFile* m = as_mapped(f);
  m->map = nullptr;
  m->mmap_size = 0;
  m->file.pMethods = nullptr;
  const int rc = self->base->xOpen(self->base, name, m->base(), flags, out_flags);
  if (rc != SQLITE_OK) {
    if (m->base()->pMethods != nullptr) m->base()->pMethods->xClose(m->base());
    return rc;
  }
  if (m->base()->pMethods->iVersion < 3) {  // not the unix VFS of SQLite 3.8 or later
    m->base()->pMethods->xClose(m->base());
    return SQLITE_CANTOPEN;
  }
  m->map = registry().acquire(name);
  if (m->map != nullptr) m->map->refresh();
  m->file.pMethods = &kMethods;
  return SQLITE_OK;
}

}  // namespace

const char* mapped_vfs() {
  static const char* const name = [] {
    sqlite3_initialize();
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
    auto* v = new MappedVfs();  // never destroyed: SQLite keeps a pointer to it
    v->base = base;
    // The default VFS's own object with this VFS's name, file size and open: its other methods
    // read only fields copied here (mxPathname, pAppData), so they work when handed this object.
    v->vfs = *base;
    v->vfs.pNext = nullptr;
    v->vfs.zName = kName;
    v->vfs.szOsFile = static_cast<int>(sizeof(MappedFile)) + base->szOsFile;
    v->vfs.xOpen = mapped_open;
    sqlite3_vfs_register(&v->vfs, 0);
    return kName;
  }();
  return name;
}

MappedReads mapped_reads_on_this_thread() {
  return tl_reads;
}

}  // namespace haven::store::sqlite

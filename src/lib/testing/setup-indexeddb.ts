// Unit tests run in node, where fake-indexeddb stands in for the browser's IndexedDB.
import 'fake-indexeddb/auto';
